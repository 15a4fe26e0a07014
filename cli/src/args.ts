/**
 * Command-line parsing: `arbiter <command> [--key value | --key=value]...`. Every setting of the
 * configuration is a flag by its dotted path (`--gateway.port 9090`); a few have short aliases.
 */
import { InvalidArgumentError } from "@arbiter/core";

/** Short flags and the setting each stands for. */
export const FLAG_ALIASES: Readonly<Record<string, string>> = {
  port: "gateway.port",
  host: "gateway.host",
  "data-dir": "dataDir",
  "log-level": "log.level",
  nats: "bus.natsUrls",
  "database-url": "database.url",
  "node-id": "scheduler.nodeId",
};

export interface ParsedArgs {
  command: string | undefined;
  help: boolean;
  configFile: string | undefined;
  /** Settings by dotted path. */
  flags: Record<string, string>;
  /** Other switches (e.g. --docs). */
  switches: Set<string>;
}

const SWITCHES = new Set(["docs", "help"]);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { command: undefined, help: false, configFile: undefined, flags: {}, switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") {
      out.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      if (out.command === undefined) out.command = arg;
      else throw new InvalidArgumentError("arguments", "flags after the command", JSON.stringify(arg));
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (SWITCHES.has(name) && eq < 0) {
      out.switches.add(name);
      continue;
    }
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new InvalidArgumentError(`flag --${name}`, "a value", "nothing");
      i++;
    }
    if (name === "config") out.configFile = value;
    else out.flags[FLAG_ALIASES[name] ?? name] = value;
  }
  return out;
}
