/**
 * `arbiter` — runs the mesh.
 *
 *   arbiter start       embedded mode: gateway + scheduler in one process, in-process bus, PGlite
 *   arbiter gateway     distributed mode: the edge, connected to NATS
 *   arbiter scheduler   distributed mode: a worker, connected to NATS and PostgreSQL
 *   arbiter config      prints the effective configuration (--docs: the reference table)
 *   arbiter decide      asks a running mesh for a decision (see decide.ts)
 *   arbiter tasks       submits and follows durable asynchronous tasks (see tasks.ts)
 */
import { ArbiterError, type ConfigOverrides, configReference, loadConfig, redactConfig } from "@arbiter/core";
import { parseArgs } from "./args.ts";
import { DECIDE_HELP, runDecide } from "./decide.ts";
import { runGateway, runScheduler, runStart } from "./roles.ts";
import { runTasks, TASKS_HELP } from "./tasks.ts";

const USAGE = `arbiter — multi-model orchestration mesh for real-time AI decisioning

Usage: arbiter <command> [--config file.yaml] [--<setting> value ...]

Commands:
  start       Embedded mesh in one process: gateway + scheduler, in-process bus,
              PGlite under --data-dir (default ./data). Serves 127.0.0.1:8080.
  gateway     The gateway role (distributed mode): --nats nats://host:4222
  scheduler   A scheduler role (distributed mode): --nats ..., --database-url postgres://...
  config      Print the effective configuration as JSON; --docs prints every setting.
  decide      Ask a running mesh for a decision: decide <pipeline> --inputs '{...}' | @file
  tasks       Durable batch work on a running mesh: tasks submit|watch|get|results|cancel|list

Every setting can come from the file, from ARBITER_* environment variables, or from a flag
named by its path, e.g. --gateway.port 9090 (ARBITER_GATEWAY_PORT=9090).
Short flags: --port, --host, --data-dir, --log-level, --nats, --database-url, --node-id.
Run 'arbiter config --docs' (or read docs/configuration.md) for the full list.`;

const COMMAND_HELP: Record<string, string> = {
  start:
    "arbiter start [--port 8080] [--data-dir ./data]\n\nRuns the embedded mesh: gateway and scheduler in one process, the in-process bus and\nPGlite (a real PostgreSQL) under the data directory. Stops gracefully on SIGINT/SIGTERM.",
  gateway:
    "arbiter gateway --nats nats://127.0.0.1:4222 [--port 8080]\n\nRuns the gateway role: serves gRPC, gRPC-Web and Connect on one port and forwards\nwork to schedulers over NATS. Stateless; run as many as you need.",
  scheduler:
    "arbiter scheduler --nats nats://127.0.0.1:4222 --database-url postgres://user@host/db\n\nRuns a scheduler role: applies migrations (safe with many replicas), serves work from\nthe bus, publishes heartbeats. Drains on SIGTERM.",
  config:
    "arbiter config [--docs]\n\nPrints the effective configuration after every layer, or with --docs the reference of\nevery setting with its environment variable and default.",
};

/** The distributed roles speak NATS and PostgreSQL unless told otherwise. */
const ROLE_DEFAULTS: Record<string, ConfigOverrides> = {
  gateway: { bus: { kind: "nats" } },
  scheduler: { bus: { kind: "nats" }, database: { kind: "postgres" } },
};

async function main(): Promise<number> {
  // A client of a running mesh, not a role: its arguments are its own, not settings.
  if (process.argv[2] === "decide") {
    const rest = process.argv.slice(3);
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${DECIDE_HELP}\n`);
      return 0;
    }
    return runDecide(rest);
  }
  if (process.argv[2] === "tasks") {
    const rest = process.argv.slice(3);
    if (rest.length === 0 || rest.includes("--help") || rest.includes("-h")) {
      // Asked for, the help is the output; given for want of a command, it explains an error.
      (rest.length === 0 ? process.stderr : process.stdout).write(`${TASKS_HELP}\n`);
      return rest.length === 0 ? 2 : 0;
    }
    return runTasks(rest);
  }
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.command === undefined || args.command === "help") {
    process.stdout.write(`${(args.command && COMMAND_HELP[args.command]) || USAGE}\n`);
    return args.command === undefined && !args.help ? 2 : 0;
  }
  const config = loadConfig({
    defaults: ROLE_DEFAULTS[args.command] ?? {},
    ...(args.configFile ? { file: args.configFile } : {}),
    env: process.env,
    flags: args.flags,
  });
  switch (args.command) {
    case "start":
      return runStart(config);
    case "gateway":
      return runGateway(config);
    case "scheduler":
      return runScheduler(config);
    case "config":
      process.stdout.write(
        args.switches.has("docs") ? `${configReference()}\n` : `${JSON.stringify(redactConfig(config), null, 2)}\n`,
      );
      return 0;
    default:
      process.stderr.write(`arbiter: unknown command "${args.command}"\n\n${USAGE}\n`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message =
      err instanceof ArbiterError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`arbiter: ${message}\n`);
    process.exitCode = 1;
  },
);
