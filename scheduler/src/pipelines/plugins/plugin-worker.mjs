// The worker thread that hosts one user plugin module (see worker-pool.ts for the protocol).
// Plain JavaScript on purpose: workers start without the TypeScript loader, so a replacement
// worker (after a plugin hung past its deadline) starts quickly and runs only the plugin's code.
//
// parent -> worker: { type: "init" | "process", id, key, config, inputs?, context? }
// worker -> parent: { type: "ready", meta } | { type: "failed", message }            (once, at start)
//                   { type: "done", id, outputs? } | { type: "error", id, stage, code, message }
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

/** init states kept per node config, oldest dropped first beyond this many. */
const MAX_STATES = 256;

function messageOf(err) {
  if (err instanceof Error) return err.message || err.name;
  try {
    return typeof err === "string" ? err : `a thrown ${typeof err}: ${JSON.stringify(err)}`;
  } catch {
    return `a thrown ${typeof err}`;
  }
}

function describePorts(ports) {
  if (!Array.isArray(ports)) return [];
  return ports
    .filter((p) => p !== null && typeof p === "object" && typeof p.name === "string")
    .map((p) => ({
      name: p.name,
      ...(typeof p.type === "string" ? { type: p.type } : {}),
      ...(typeof p.description === "string" ? { description: p.description } : {}),
      ...(p.optional === true ? { optional: true } : {}),
    }));
}

async function loadPlugin(path) {
  const mod = await import(pathToFileURL(path).href);
  const plugin = mod.default;
  if (plugin === null || typeof plugin !== "object") {
    throw new Error("the module has no default export object (export default { name, process })");
  }
  if (typeof plugin.name !== "string") throw new Error("the default export has no string `name`");
  if (typeof plugin.process !== "function") throw new Error("the default export has no `process` function");
  if (plugin.init !== undefined && typeof plugin.init !== "function") throw new Error("`init` is not a function");
  return plugin;
}

let plugin;
try {
  plugin = await loadPlugin(workerData.path);
  parentPort.postMessage({
    type: "ready",
    meta: {
      name: plugin.name,
      version: typeof plugin.version === "string" ? plugin.version : "",
      description: typeof plugin.description === "string" ? plugin.description : "",
      inputs: describePorts(plugin.inputs),
      outputs: describePorts(plugin.outputs),
    },
  });
} catch (err) {
  parentPort.postMessage({ type: "failed", message: messageOf(err) });
}

const states = new Map();

async function stateFor(key, config) {
  if (states.has(key)) return states.get(key);
  const state = plugin.init === undefined ? undefined : await plugin.init(config);
  states.set(key, state);
  if (states.size > MAX_STATES) states.delete(states.keys().next().value);
  return state;
}

function codeOf(err) {
  return err !== null && typeof err === "object" && err.code === "INVALID_ARGUMENT" ? "INVALID_ARGUMENT" : "INTERNAL";
}

async function handle(msg) {
  let stage = "init";
  try {
    const state = await stateFor(msg.key, msg.config);
    if (msg.type === "init") return { type: "done", id: msg.id };
    stage = "process";
    const outputs = await plugin.process(msg.inputs, { ...msg.context, config: msg.config, state });
    return { type: "done", id: msg.id, outputs };
  } catch (err) {
    return { type: "error", id: msg.id, stage, code: codeOf(err), message: messageOf(err) };
  }
}

if (plugin !== undefined) {
  parentPort.on("message", async (msg) => {
    const reply = await handle(msg);
    try {
      parentPort.postMessage(reply);
    } catch (err) {
      parentPort.postMessage({
        type: "error",
        id: msg.id,
        stage: "process",
        code: "INTERNAL",
        message: `its outputs cannot be copied out of the worker (${messageOf(err)})`,
      });
    }
  });
}
