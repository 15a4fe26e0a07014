/**
 * Logging: one pino root per process, created at start-up; each component gets a child logger
 * bound to `component`. Request values (tenant, request id) ride in the request context and are
 * bound per request with {@link requestLogger}, never kept in globals; while tracing is on, every
 * line logged on behalf of a traced request carries its `trace_id` and `span_id`, read from the
 * active span (see tracing/spans.ts).
 */
import { type DestinationStream, type Logger, pino } from "pino";
import type { RequestContext } from "./context.ts";
import { type PrettyOptions, prettyDestination } from "./pretty-log.ts";
import { traceLogFields } from "./tracing/spans.ts";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { process: "gateway" }. */
  base?: Record<string, unknown>;
  /** "pretty" writes readable lines (to `destination`, or stdout) instead of JSON. */
  format?: "json" | "pretty";
  /** How pretty lines look; ignored for JSON. */
  pretty?: PrettyOptions;
}

/** The process's root logger. Errors are serialized with their cause chain. */
export function createRootLogger(options: LoggerOptions): Logger {
  const destination =
    options.format === "pretty"
      ? prettyDestination(options.destination ?? process.stdout, options.pretty)
      : options.destination;
  const root = pino(
    {
      level: options.level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.errWithCause },
      formatters: { level: (label) => ({ level: label }) },
      // A line logged while a traced request's span is active names its trace_id and span_id.
      mixin: traceLogFields,
    },
    destination,
  );
  levelControls.set(root, new LogLevels(root));
  return root;
}

/** A logger bound to one request's tenant and request id. */
export function requestLogger(logger: Logger, ctx: RequestContext): Logger {
  return logger.child({ tenant: ctx.tenant, request_id: ctx.requestId });
}

/** Levels a logger can be set to at runtime. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** What one process logs: its own level and the components set apart from it. */
export interface LogLevelState {
  level: string;
  /** Components whose level was set on its own, by name. */
  components: Record<string, string>;
}

/**
 * Runtime level changes. A pino child copies its parent's level when it is created and keeps it:
 * setting `root.level` later leaves every existing child where it was. So component loggers are
 * made through {@link componentLogger}, which records them here, and a change sets each one.
 * Loggers are held weakly (a component logger made per worker must not live forever because of
 * this list); per-request children are not recorded — they live for one call and take the level
 * their component logger had when the call began.
 */
class LogLevels {
  readonly #root: Logger;
  readonly #loggers = new Map<string, Set<WeakRef<Logger>>>();
  /** Components set on their own; a process-wide change clears them. */
  #overrides = new Map<string, string>();
  #revert: NodeJS.Timeout | undefined;

  constructor(root: Logger) {
    this.#root = root;
  }

  track(component: string, logger: Logger): void {
    const override = this.#overrides.get(component);
    if (override !== undefined) logger.level = override;
    const set = this.#loggers.get(component) ?? new Set();
    this.#loggers.set(component, set);
    set.add(new WeakRef(logger));
  }

  state(): LogLevelState {
    return { level: this.#root.level, components: Object.fromEntries(this.#overrides) };
  }

  set(level: string, component: string, durationMs: number): void {
    if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`unknown log level ${level}`);
    // A newer change supersedes a pending revert: the level is what was asked last.
    clearTimeout(this.#revert);
    this.#revert = undefined;
    const before = this.state();
    if (component === "") {
      this.#overrides.clear();
      this.#apply({ level, components: {} });
    } else {
      this.#overrides.set(component, level);
      this.#apply(this.state());
    }
    if (durationMs > 0) {
      this.#revert = setTimeout(() => {
        this.#revert = undefined;
        this.#overrides = new Map(Object.entries(before.components));
        this.#apply(before);
      }, durationMs);
      // A pending revert must not keep a stopping process alive.
      this.#revert.unref();
    }
  }

  #apply(state: LogLevelState): void {
    this.#root.level = state.level;
    for (const [component, refs] of this.#loggers) {
      const level = state.components[component] ?? state.level;
      for (const ref of refs) {
        const logger = ref.deref();
        if (logger) logger.level = level;
        else refs.delete(ref);
      }
    }
  }
}

/** Each root logger's level control; component loggers map to their root's. */
const levelControls = new WeakMap<Logger, LogLevels>();

function controlOf(logger: Logger): LogLevels {
  let control = levelControls.get(logger);
  if (!control) {
    // A logger not made by createRootLogger or componentLogger: it becomes a root of its own.
    control = new LogLevels(logger);
    levelControls.set(logger, control);
  }
  return control;
}

/**
 * The logger of one component (lines carry `component`), whose level follows
 * {@link setLogLevel}. `parent` is the root logger or another component's logger.
 */
export function componentLogger(parent: Logger, component: string, bindings: Record<string, unknown> = {}): Logger {
  const control = controlOf(parent);
  const logger = parent.child({ ...bindings, component });
  control.track(component, logger);
  levelControls.set(logger, control);
  return logger;
}

/**
 * Changes the level of every logger of `logger`'s process (`component` empty) or of one
 * component's loggers; with `durationMs` > 0 the previous levels come back after that long.
 */
export function setLogLevel(logger: Logger, level: string, component = "", durationMs = 0): void {
  controlOf(logger).set(level, component, durationMs);
}

/** The process's current levels. */
export function getLogLevel(logger: Logger): LogLevelState {
  return controlOf(logger).state();
}
