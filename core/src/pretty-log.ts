/**
 * Human-readable log lines for a terminal. pino writes one JSON object per line; this destination
 * turns each into `time LEVEL [component] message key=value ...` before writing it on. Only a
 * terminal gets these: files and pipes keep JSON, which log collectors parse.
 */
import type { DestinationStream } from "pino";

/** The `log.format` setting: `auto` picks pretty on a terminal and JSON elsewhere. */
export type LogFormatSetting = "auto" | "json" | "pretty";

/** The format lines are written in, once `auto` is resolved against where they go. */
export function resolveLogFormat(setting: string, isTerminal: boolean): "json" | "pretty" {
  if (setting === "json" || setting === "pretty") return setting;
  return isTerminal ? "pretty" : "json";
}

/** Fields that the line's head already shows, or that a reader at a terminal does not need. */
const HEAD_FIELDS = new Set(["time", "level", "msg", "component", "pid", "hostname"]);

const LEVEL_COLOURS: Record<string, number> = {
  trace: 90,
  debug: 36,
  info: 32,
  warn: 33,
  error: 31,
  fatal: 35,
};

export interface PrettyOptions {
  /** Colour the level with ANSI escapes (for a terminal that shows them). */
  colour?: boolean;
}

/** Renders one pino JSON line as a readable line (with a trailing newline); other text passes as is. */
export function prettyLine(line: string, options: PrettyOptions = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  if (entry === null || typeof entry !== "object") return line.endsWith("\n") ? line : `${line}\n`;
  const time = typeof entry.time === "string" ? clockTime(entry.time) : "";
  const levelName = String(entry.level ?? "");
  const levelText = levelName.toUpperCase().padEnd(5);
  const colour = LEVEL_COLOURS[levelName];
  const level = options.colour && colour !== undefined ? `\u001b[${colour}m${levelText}\u001b[0m` : levelText;
  const component = entry.component === undefined ? "" : ` [${String(entry.component)}]`;
  const parts = [`${time} ${level}${component} ${String(entry.msg ?? "")}`];
  let stack = "";
  for (const [key, value] of Object.entries(entry)) {
    if (HEAD_FIELDS.has(key) || value === undefined) continue;
    if (key === "err" && value !== null && typeof value === "object") {
      const err = value as { message?: unknown; stack?: unknown; type?: unknown };
      parts.push(`err=${fieldValue(err.message ?? err.type ?? "")}`);
      // The stack goes below the line, indented, where it can be read.
      if (typeof err.stack === "string") stack = `\n    ${err.stack.split("\n").join("\n    ")}`;
      continue;
    }
    parts.push(`${key}=${fieldValue(value)}`);
  }
  return `${parts.join(" ")}${stack}\n`;
}

/** A pino destination that writes readable lines to `out` (stdout by default). */
export function prettyDestination(
  out: { write(text: string): unknown } = process.stdout,
  options: PrettyOptions = {},
): DestinationStream {
  return { write: (line: string) => void out.write(prettyLine(line, options)) };
}

/** `HH:MM:SS.mmm` of an ISO timestamp: the date is noise on a terminal. */
function clockTime(iso: string): string {
  const t = iso.indexOf("T");
  return t < 0 ? iso : iso.slice(t + 1, t + 13);
}

/** A field's value: bare when it reads unambiguously, JSON otherwise (spaces, quotes, objects). */
function fieldValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value);
}
