/**
 * Log records of the addon's Rust code (model sessions created, with their execution provider),
 * forwarded into a pino logger. The addon queues them without blocking its threads and drops
 * them when JavaScript falls behind; they arrive here on the JS thread.
 */
import { native } from "./native.ts";

type LogMethod = (obj: object, msg: string) => void;

/** The part of a pino logger the records are written through. */
export interface NativeLogger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
  trace: LogMethod;
}

const LEVELS = new Set(["error", "warn", "info", "debug", "trace"]);

let current: NativeLogger | undefined;
let registered = false;

/**
 * Sends the addon's log records to `logger` (e.g. a child with `{component: "onnxruntime"}`),
 * each with its Rust `target`. Debug and above leave the addon; the logger's level decides what
 * is written, so changing it at run time takes effect here too. A later call replaces the logger.
 */
export function setNativeLogger(logger: NativeLogger): void {
  current = logger;
  if (registered) return;
  registered = true;
  native.setLogCallback((record) => {
    const logger = current;
    if (logger === undefined || !LEVELS.has(record.level)) return;
    try {
      logger[record.level as keyof NativeLogger]({ target: record.target }, record.message);
    } catch {
      // A failing log destination must not become an uncaught exception in the addon's callback.
    }
  }, "debug");
}
