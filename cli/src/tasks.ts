/**
 * `arbiter tasks ...`: submits durable asynchronous tasks to a running mesh and follows them.
 *
 *   arbiter tasks submit --pipeline transaction-risk --items @rows.jsonl --wait
 *   arbiter tasks submit --model risk-classifier --items @tensors.json --idempotency-key batch-7
 *   arbiter tasks watch <id> | get <id> | results <id> | cancel <id> | list
 *
 * Items come from a file: JSON Lines (one item per line) or a JSON array. An item of a pipeline
 * task is a JSON object of the pipeline's inputs, as `arbiter decide --inputs` takes them; an item
 * of a model task is an arbiter.v1.TaskItem in proto3 JSON, `{"tensors": [...]}`.
 */
import { readFileSync } from "node:fs";
import { codeName, InvalidArgumentError } from "@arbiter/core";
import {
  type PipelineValueSchema,
  type SubmitTaskRequestSchema,
  type Task,
  type TaskItem,
  TaskItemSchema,
  TaskResultSchema,
  TaskSchema,
  TaskService,
  TaskState,
  type VersionSelectorSchema,
} from "@arbiter/proto";
import { fromJson, type JsonValue, type MessageInitShape, toJson } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { type Client, Code, ConnectError, createClient } from "@connectrpc/connect";
import { meshTransport } from "./mesh-transport.ts";
import { ProgressPrinter } from "./progress-bar.ts";

export const TASKS_HELP = `arbiter tasks <command> [--url http://127.0.0.1:8080]

Durable asynchronous work: a model or a pipeline run over many items. A task is recorded before
it is acknowledged and survives restarts; each item is retried up to --max-attempts times, then
dead-lettered.

Commands:
  submit (--model <name> | --pipeline <name>) --items @file.jsonl | @file.json
         [--version N | --alias name] [--idempotency-key key] [--max-attempts N] [--wait]
      Submits a task and prints its id. Items are JSON Lines (one item a line) or a JSON array.
      A pipeline item is a JSON object of the pipeline's inputs, as 'arbiter decide --inputs'
      takes them: {"features": [0.1, 2.3, ...], "amount": 120}. A model item is the tensors of
      one inference, in arbiter.v1.Tensor proto3 JSON:
        {"tensors": [{"name": "features", "datatype": "FP32", "shape": ["1", "30"],
                      "contents": {"fp32Contents": [0.1, 2.3, ...]}}]}
      The same --idempotency-key returns the task already submitted instead of a new one.
      --wait follows the task like 'watch' and exits like it.
  watch <id>     Draws the task's progress on stderr until it ends; exits 0 when it completed,
                 1 when it failed or was cancelled.
  get <id>       Prints the task as JSON.
  results <id>   Prints one JSON line per item result, in item order.
  cancel <id>    Cancels the items that have not run yet; prints the task as JSON.
  list [--state pending|running|completed|cancelled|failed] [--json]
                 Lists the tasks, newest first: a table, or one JSON line per task.

Failed calls print the gRPC code and message and exit 1.`;

/** Flags that take a value, per command; the rest are switches. */
const VALUE_FLAGS: Record<string, readonly string[]> = {
  submit: ["model", "pipeline", "items", "version", "alias", "idempotency-key", "max-attempts", "url"],
  watch: ["url"],
  get: ["url"],
  results: ["url"],
  cancel: ["url"],
  list: ["state", "url"],
};
const SWITCHES: Record<string, readonly string[]> = { submit: ["wait"], list: ["json"] };
/** Commands that take a task id. */
const WITH_ID = new Set(["watch", "get", "results", "cancel"]);

interface Parsed {
  command: string;
  id: string | undefined;
  flags: Map<string, string>;
  switches: Set<string>;
}

function parse(argv: readonly string[]): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined || !(command in VALUE_FLAGS)) {
    throw new InvalidArgumentError(
      "tasks command",
      Object.keys(VALUE_FLAGS).join(", "),
      command === undefined ? "nothing" : JSON.stringify(command),
    );
  }
  const valueFlags = new Set(VALUE_FLAGS[command]);
  const switches = new Set(SWITCHES[command] ?? []);
  const parsed: Parsed = { command, id: undefined, flags: new Map(), switches: new Set() };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith("--")) {
      if (!WITH_ID.has(command) || parsed.id !== undefined) {
        throw new InvalidArgumentError(`tasks ${command}`, WITH_ID.has(command) ? "one task id" : "no id", arg);
      }
      parsed.id = arg;
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (switches.has(name) && eq < 0) {
      parsed.switches.add(name);
      continue;
    }
    if (!valueFlags.has(name)) {
      const known = [...valueFlags, ...switches].map((f) => `--${f}`).join(", ");
      throw new InvalidArgumentError(`tasks ${command} flag --${name}`, known, arg);
    }
    const value = eq >= 0 ? body.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new InvalidArgumentError(`flag --${name}`, "a value", "nothing");
    parsed.flags.set(name, value);
  }
  if (WITH_ID.has(command) && parsed.id === undefined) {
    throw new InvalidArgumentError(`tasks ${command}`, "a task id", "nothing");
  }
  return parsed;
}

/** Reads `@file` (or inline JSON): a JSON array, or JSON Lines with one value a line. */
export function readItems(spec: string): JsonValue[] {
  const source = spec.startsWith("@") ? readFileSync(spec.slice(1), "utf8") : spec;
  const trimmed = source.trim();
  if (trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as JsonValue[];
    } catch (err) {
      throw new InvalidArgumentError("--items", "a JSON array or JSON Lines", (err as Error).message);
    }
  }
  const items: JsonValue[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    try {
      items.push(JSON.parse(line) as JsonValue);
    } catch (err) {
      throw new InvalidArgumentError(`--items line ${i + 1}`, "one JSON value", (err as Error).message);
    }
  }
  return items;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: JsonValue): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
}

/** One pipeline item: every input a google.protobuf.Value, as `arbiter decide` sends them. */
export function pipelineItem(value: JsonValue, index: number): MessageInitShape<typeof TaskItemSchema> {
  if (!isObject(value)) throw new InvalidArgumentError(`item ${index}`, "a JSON object of inputs", describe(value));
  const values: Record<string, MessageInitShape<typeof PipelineValueSchema>> = {};
  for (const [name, v] of Object.entries(value)) {
    values[name] = { kind: { case: "value", value: fromJson(ValueSchema, v) } };
  }
  return { values };
}

/** One model item: an arbiter.v1.TaskItem in proto3 JSON with its tensors. */
export function modelItem(value: JsonValue, index: number): TaskItem {
  if (!isObject(value) || !Array.isArray(value.tensors)) {
    throw new InvalidArgumentError(`item ${index}`, 'an object {"tensors": [...]}', describe(value));
  }
  try {
    return fromJson(TaskItemSchema, value);
  } catch (err) {
    throw new InvalidArgumentError(`item ${index}`, "arbiter.v1.TaskItem proto3 JSON", (err as Error).message);
  }
}

function selector(flags: Map<string, string>): { selector?: MessageInitShape<typeof VersionSelectorSchema> } {
  const version = flags.get("version");
  const alias = flags.get("alias");
  if (version !== undefined && alias !== undefined) {
    throw new InvalidArgumentError("--version/--alias", "one of them", "both");
  }
  if (version !== undefined) {
    if (!/^\d+$/.test(version)) throw new InvalidArgumentError("--version", "a version number", version);
    return { selector: { selector: { case: "version", value: BigInt(version) } } };
  }
  if (alias !== undefined) return { selector: { selector: { case: "alias", value: alias } } };
  return {};
}

/** Builds SubmitTaskRequest from the flags of `tasks submit`. */
export function submitRequest(flags: Map<string, string>): MessageInitShape<typeof SubmitTaskRequestSchema> {
  const model = flags.get("model");
  const pipeline = flags.get("pipeline");
  if ((model === undefined) === (pipeline === undefined)) {
    throw new InvalidArgumentError("tasks submit", "one of --model or --pipeline", model ? "both" : "neither");
  }
  const itemsSpec = flags.get("items");
  if (itemsSpec === undefined) throw new InvalidArgumentError("--items", "@file.jsonl or @file.json", "nothing");
  const raw = readItems(itemsSpec);
  if (raw.length === 0) throw new InvalidArgumentError("--items", "at least one item", "none");
  const maxAttempts = flags.get("max-attempts");
  if (maxAttempts !== undefined && !/^\d+$/.test(maxAttempts)) {
    throw new InvalidArgumentError("--max-attempts", "a whole number", maxAttempts);
  }
  const target: MessageInitShape<typeof SubmitTaskRequestSchema>["target"] =
    model !== undefined
      ? { case: "model", value: { model, ...selector(flags) } }
      : { case: "pipeline", value: { pipeline: pipeline as string, ...selector(flags) } };
  return {
    idempotencyKey: flags.get("idempotency-key") ?? "",
    target,
    items: raw.map((item, i) => (model !== undefined ? modelItem(item, i + 1) : pipelineItem(item, i + 1))),
    maxAttempts: maxAttempts === undefined ? 0 : Number(maxAttempts),
  };
}

const ENDED = new Set([TaskState.COMPLETED, TaskState.CANCELLED, TaskState.FAILED]);

function stateName(state: TaskState): string {
  return (TaskState[state] ?? "UNSPECIFIED").toLowerCase();
}

/** Gives up re-watching after this many failed attempts in a row without a snapshot. */
const MAX_WATCH_RETRIES = 5;

/**
 * Follows WatchTask until the task ends, drawing its progress on `err`. A stream that ends early
 * (a deadline, a gateway restart) is opened again: the task is durable, so watching can resume.
 */
async function follow(client: Client<typeof TaskService>, id: string, err: NodeJS.WriteStream): Promise<number> {
  const printer = new ProgressPrinter({
    out: err,
    tty: err.isTTY === true,
    width: Math.max(10, Math.min(30, (err.columns ?? 80) - 60)),
  });
  let last: Task | undefined;
  let failures = 0;
  while (last === undefined || !ENDED.has(last.state)) {
    try {
      for await (const { task } of client.watchTask({ id })) {
        if (!task) continue;
        failures = 0;
        last = task;
        if (ENDED.has(task.state)) break;
        printer.update(task);
      }
    } catch (e) {
      const error = ConnectError.from(e);
      const retryable = error.code === Code.Unavailable || error.code === Code.DeadlineExceeded;
      if (!retryable || ++failures > MAX_WATCH_RETRIES) {
        printer.interrupt();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * failures));
    }
    if (last === undefined || !ENDED.has(last.state)) {
      // The stream ended without the end of the task: read where it stands before watching again.
      last = (await client.getTask({ id })).task ?? last;
    }
  }
  printer.finish(last);
  const summary = `${last.succeededItems} succeeded, ${last.deadLetteredItems} dead-lettered, ${last.cancelledItems} cancelled of ${last.totalItems}`;
  if (last.state === TaskState.COMPLETED) {
    err.write(`task ${id} completed: ${summary}\n`);
    return 0;
  }
  if (last.state === TaskState.FAILED) {
    err.write(`task ${id} failed: ${last.error || "no reason given"} (${summary})\n`);
    return 1;
  }
  err.write(`task ${id} was cancelled: ${summary}\n`);
  return 1;
}

function parseState(name: string | undefined): TaskState {
  if (name === undefined) return TaskState.UNSPECIFIED;
  const state = TaskState[name.toUpperCase() as keyof typeof TaskState];
  if (state === undefined || state === TaskState.UNSPECIFIED) {
    throw new InvalidArgumentError("--state", "pending, running, completed, cancelled or failed", name);
  }
  return state;
}

function timestamp(task: Task): string {
  const t = task.createTime;
  return t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)).toISOString() : "";
}

async function list(
  client: Client<typeof TaskService>,
  state: TaskState,
  json: boolean,
  out: NodeJS.WritableStream,
): Promise<void> {
  const tasks: Task[] = [];
  let pageToken = "";
  do {
    const page = await client.listTasks({ pageSize: 500, pageToken, state });
    tasks.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken !== "");
  if (json) {
    for (const task of tasks) out.write(`${JSON.stringify(toJson(TaskSchema, task))}\n`);
    return;
  }
  const rows = [
    ["ID", "STATE", "SUCCEEDED", "DEAD-LETTERED", "CANCELLED", "TOTAL", "CREATED"],
    ...tasks.map((t) => [
      t.id,
      stateName(t.state),
      String(t.succeededItems),
      String(t.deadLetteredItems),
      String(t.cancelledItems),
      String(t.totalItems),
      timestamp(t),
    ]),
  ];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] as string).length))) ?? [];
  for (const row of rows) {
    const cells = row.map((cell, col) => cell.padEnd(widths[col] ?? 0));
    out.write(`${cells.join("  ").trimEnd()}\n`);
  }
}

/** Runs `arbiter tasks <argv>`; resolves with the exit code. */
export async function runTasks(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const { command, id, flags, switches } = parse(argv);
  // `arbiter tasks results <id> | head` closes the pipe early: that is the reader's choice, not an error.
  out.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(0);
  });
  // Built before connecting, so a bad item file fails without a call.
  const request = command === "submit" ? submitRequest(flags) : undefined;
  const state = command === "list" ? parseState(flags.get("state")) : TaskState.UNSPECIFIED;
  const client = createClient(TaskService, meshTransport(flags.get("url")));
  const taskJson = (task: Task | undefined) => `${JSON.stringify(task ? toJson(TaskSchema, task) : {}, null, 2)}\n`;
  try {
    switch (command) {
      case "submit": {
        const { task, created } = await client.submitTask(request ?? {});
        if (!task) throw new ConnectError("the mesh answered without a task", Code.Internal);
        out.write(`${task.id}\n`);
        if (!created) err.write(`an existing task has idempotency key ${JSON.stringify(task.idempotencyKey)}\n`);
        return switches.has("wait") ? await follow(client, task.id, err) : 0;
      }
      case "watch":
        return await follow(client, id as string, err);
      case "get":
        out.write(taskJson((await client.getTask({ id: id as string })).task));
        return 0;
      case "results":
        for await (const { result } of client.streamTaskResults({ id: id as string })) {
          if (result) out.write(`${JSON.stringify(toJson(TaskResultSchema, result))}\n`);
        }
        return 0;
      case "cancel":
        out.write(taskJson((await client.cancelTask({ id: id as string })).task));
        return 0;
      default:
        await list(client, state, switches.has("json"), out);
        return 0;
    }
  } catch (e) {
    const error = ConnectError.from(e);
    err.write(`arbiter tasks ${command}: ${codeName(error.code)}: ${error.rawMessage}\n`);
    return 1;
  }
}
