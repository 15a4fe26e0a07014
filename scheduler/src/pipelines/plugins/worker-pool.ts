/**
 * A small pool of worker threads hosting one user plugin module. Each worker runs one call at a
 * time; calls beyond the pool's size wait in a queue. A call that outlives its deadline (or whose
 * signal aborts) terminates its worker, which stops even a synchronous infinite loop, and a fresh
 * worker takes its place; a worker that crashes (uncaught error, `process.exit`, out of memory) is
 * replaced the same way. The scheduler's event loop is never blocked by plugin code.
 *
 * Failures are reported as {@link PoolFailure} values that the plugin runner turns into errors
 * naming the node and plugin.
 */
import { Worker } from "node:worker_threads";
import type { Logger } from "@arbiter/core";
import type { NodeValues } from "../node-kind.ts";
import { isDeadlineAbort } from "./abort-reason.ts";
import type { PluginPort } from "./plugin-api.ts";

const WORKER_ENTRY = new URL("./plugin-worker.mjs", import.meta.url);

/** What a module reports about itself when a worker has loaded it. */
export interface PluginMetadata {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly inputs: readonly PluginPort[];
  readonly outputs: readonly PluginPort[];
}

/** Why a pool call failed. */
export type PoolFailure =
  | { readonly kind: "deadline" }
  | { readonly kind: "cancelled" }
  | { readonly kind: "load"; readonly message: string }
  | { readonly kind: "crash"; readonly message: string }
  | { readonly kind: "closed" }
  | {
      readonly kind: "threw";
      readonly stage: "init" | "process";
      readonly code: "INVALID_ARGUMENT" | "INTERNAL";
      readonly message: string;
    };

/** The error a pool call rejects with. */
export class PoolCallError extends Error {
  constructor(readonly failure: PoolFailure) {
    super(`plugin call failed: ${failure.kind}`);
  }
}

/** Options of a {@link PluginWorkerPool}. */
export interface WorkerPoolOptions {
  /** Workers at most (started on demand). */
  readonly size: number;
  /** Heap limit of each worker in MiB; a worker that exceeds it is replaced. */
  readonly memoryMb: number;
  /** How long a worker may take to import the module, in milliseconds. */
  readonly startTimeoutMs: number;
  /** Receives worker crashes and the plugin's console output (at debug); optional. */
  readonly logger?: Logger;
}

/** One call: what the worker runs. */
export interface PoolRequest {
  readonly type: "init" | "process";
  /** Identifies the node config: init runs once per key in each worker. */
  readonly key: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly inputs?: NodeValues;
  readonly context?: Readonly<Record<string, unknown>>;
}

type Reply =
  | { type: "ready"; meta: PluginMetadata }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; outputs?: unknown }
  | { type: "error"; id: number; stage: "init" | "process"; code: "INVALID_ARGUMENT" | "INTERNAL"; message: string };

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<PluginMetadata>;
  /** Set while a call runs: settles it with the worker's reply or failure. */
  current: ((reply: Reply | PoolFailure) => void) | undefined;
  /** Held by a call (from acquisition to release). */
  busy: boolean;
  dead: boolean;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(failure: PoolFailure): void;
}

/** Worker threads for one plugin module file (see the module comment). */
export class PluginWorkerPool {
  readonly #path: string;
  readonly #options: WorkerPoolOptions;
  readonly #slots = new Set<Slot>();
  readonly #idle: Slot[] = [];
  readonly #waiters: Waiter[] = [];
  #nextId = 1;
  #closed = false;

  constructor(path: string, options: WorkerPoolOptions) {
    this.#path = path;
    this.#options = options;
  }

  /** The module file this pool runs. */
  get path(): string {
    return this.#path;
  }

  /** Workers currently alive (busy or idle). */
  get workerCount(): number {
    return this.#slots.size;
  }

  /** Starts one worker (if none is idle) and resolves with the module's metadata, or rejects with a PoolCallError. */
  async start(): Promise<PluginMetadata> {
    const slot = this.#idle[0] ?? this.#spawn(true);
    try {
      return await slot.ready;
    } catch (err) {
      this.#kill(slot);
      throw err;
    }
  }

  /**
   * Runs `request` in a worker. Rejects with a {@link PoolCallError}: `deadline` when `deadline`
   * (epoch ms) passes first, `cancelled` when `signal` aborts first (the worker is then terminated
   * and replaced), `threw` when the plugin threw, `crash` or `load` when the worker died or could
   * not load the module.
   */
  async call(request: PoolRequest, deadline: number, signal: AbortSignal): Promise<unknown> {
    let slot: Slot | undefined;
    const abort = abortWatch(deadline, signal);
    try {
      if (abort.failure !== undefined) throw new PoolCallError(abort.failure);
      const acquiring = this.#acquire();
      try {
        slot = await Promise.race([acquiring.promise, abort.promise]);
      } catch (err) {
        // Out of time while waiting for a worker: leave the queue, and hand back a worker that
        // was granted at the same moment.
        if (acquiring.waiter !== undefined) {
          const at = this.#waiters.indexOf(acquiring.waiter);
          if (at >= 0) this.#waiters.splice(at, 1);
        }
        acquiring.promise.then(
          (granted) => this.#release(granted),
          () => {},
        );
        throw err;
      }
      const meta = slot.ready.catch((err: unknown) => {
        throw err instanceof PoolCallError ? err : new PoolCallError({ kind: "load", message: String(err) });
      });
      await Promise.race([meta, abort.promise]);
      const id = this.#nextId++;
      const active = slot;
      const reply = new Promise<Reply | PoolFailure>((resolve) => {
        active.current = resolve;
      });
      try {
        slot.worker.postMessage({ ...request, id });
      } catch (err) {
        active.current = undefined;
        throw new PoolCallError({
          kind: "threw",
          stage: "process",
          code: "INTERNAL",
          message: `its inputs cannot be copied into the worker (${(err as Error).message})`,
        });
      }
      const answer = await Promise.race([reply, abort.promise]);
      slot.current = undefined;
      if ("kind" in answer) throw new PoolCallError(answer);
      if (answer.type === "error") {
        throw new PoolCallError({ kind: "threw", stage: answer.stage, code: answer.code, message: answer.message });
      }
      if (answer.type !== "done" || answer.id !== id) {
        throw new PoolCallError({ kind: "crash", message: `the worker answered out of turn (${answer.type})` });
      }
      return answer.outputs;
    } catch (err) {
      if (slot !== undefined && err instanceof PoolCallError) {
        const k = err.failure.kind;
        // The worker may still be running the plugin (a hang, a busy loop): stop it for good.
        if (k === "deadline" || k === "cancelled" || k === "crash" || k === "load") {
          this.#kill(slot);
          if (k !== "load") this.#replace();
          slot = undefined;
        }
      }
      throw err;
    } finally {
      abort.dispose();
      if (slot !== undefined) this.#release(slot);
    }
  }

  /**
   * Stops taking calls (they fail with `closed`) but lets running and queued calls finish; each
   * worker is terminated once nothing waits for it. Used when a module is reloaded.
   */
  retire(): void {
    this.#closed = true;
    for (const slot of this.#idle.splice(0)) this.#kill(slot);
    for (const slot of [...this.#slots]) {
      if (!slot.busy && this.#waiters.length === 0) this.#kill(slot);
    }
  }

  /** Terminates every worker now; calls waiting for a worker fail with `closed`, running calls with `crash`. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject({ kind: "closed" });
    const exits = [...this.#slots].map((slot) => {
      const exited = new Promise<void>((resolve) => slot.worker.once("exit", () => resolve()));
      this.#kill(slot);
      return exited;
    });
    this.#idle.length = 0;
    await Promise.all(exits);
  }

  #acquire(): { promise: Promise<Slot>; waiter?: Waiter } {
    if (this.#closed) return { promise: Promise.reject(new PoolCallError({ kind: "closed" })) };
    const idle = this.#idle.pop();
    if (idle !== undefined) {
      idle.busy = true;
      return { promise: Promise.resolve(idle) };
    }
    if (this.#slots.size < this.#options.size) return { promise: Promise.resolve(this.#spawn(false)) };
    let waiter: Waiter | undefined;
    const promise = new Promise<Slot>((resolve, reject) => {
      waiter = { resolve, reject: (failure) => reject(new PoolCallError(failure)) };
      this.#waiters.push(waiter);
    });
    return { promise, waiter };
  }

  #release(slot: Slot): void {
    if (slot.dead) return;
    const waiter = this.#waiters.shift();
    slot.busy = waiter !== undefined;
    if (waiter !== undefined) waiter.resolve(slot);
    else if (this.#closed) this.#kill(slot);
    else this.#idle.push(slot);
  }

  /** After a worker was terminated: a fresh one for the next waiting call (if any) or kept warm. */
  #replace(): void {
    if (this.#closed || this.#slots.size >= this.#options.size) return;
    const slot = this.#spawn(false);
    slot.ready.then(
      () => this.#release(slot),
      () => this.#kill(slot),
    );
  }

  #kill(slot: Slot): void {
    if (!slot.dead) {
      slot.dead = true;
      this.#slots.delete(slot);
      const at = this.#idle.indexOf(slot);
      if (at >= 0) this.#idle.splice(at, 1);
      void slot.worker.terminate();
    }
    const settle = slot.current;
    slot.current = undefined;
    settle?.({ kind: "crash", message: "the worker was stopped" });
    // A waiter that could have used a worker must not wait forever for a slot that will not come.
    if (!this.#closed && this.#waiters.length > 0 && this.#slots.size < this.#options.size) {
      const waiter = this.#waiters.shift() as Waiter;
      waiter.resolve(this.#spawn(false));
    }
  }

  #spawn(forStart: boolean): Slot {
    const { logger, memoryMb, startTimeoutMs } = this.#options;
    const worker = new Worker(WORKER_ENTRY, {
      workerData: { path: this.#path },
      // No TypeScript loader or inspector flags: the plugin runs as plain JavaScript.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: logger !== undefined,
      stderr: logger !== undefined,
    });
    if (logger !== undefined) {
      worker.stdout.on("data", (chunk: Buffer) =>
        logger.debug({ file: this.#path, stream: "stdout" }, chunk.toString()),
      );
      worker.stderr.on("data", (chunk: Buffer) =>
        logger.debug({ file: this.#path, stream: "stderr" }, chunk.toString()),
      );
    }
    let settleReady: (value: PluginMetadata | PoolFailure) => void = () => {};
    const readyOrFailure = new Promise<PluginMetadata | PoolFailure>((resolve) => {
      settleReady = resolve;
    });
    const startTimer = setTimeout(
      () => settleReady({ kind: "load", message: `the module did not load within ${startTimeoutMs} ms` }),
      startTimeoutMs,
    );
    startTimer.unref();
    const ready = readyOrFailure.then((v) => {
      clearTimeout(startTimer);
      if ("kind" in v) throw new PoolCallError(v);
      return v;
    });
    // Rejections are observed by whoever awaits `ready`; this keeps an unobserved one quiet.
    ready.catch(() => {});
    const slot: Slot = { worker, ready, current: undefined, busy: !forStart, dead: false };
    worker.on("message", (reply: Reply) => {
      if (reply.type === "ready") settleReady(reply.meta);
      else if (reply.type === "failed") settleReady({ kind: "load", message: reply.message });
      else slot.current?.(reply);
    });
    const died = (message: string) => {
      settleReady({ kind: "load", message });
      if (!slot.dead) {
        // The call that was running (if any) fails with `crash` and its caller replaces the worker.
        logger?.warn({ file: this.#path, reason: message }, "plugin worker stopped");
        slot.current?.({ kind: "crash", message });
        slot.current = undefined;
        this.#kill(slot);
      }
    };
    worker.on("error", (err) => died(`the worker crashed: ${err.message}`));
    worker.on("exit", (code) => died(`the worker exited with code ${code}`));
    this.#slots.add(slot);
    if (forStart) this.#idle.push(slot);
    return slot;
  }
}

interface AbortWatch {
  /** Set when the call is already out of time or cancelled. */
  readonly failure: PoolFailure | undefined;
  /** Rejects with a PoolCallError when the deadline passes or the signal aborts. */
  readonly promise: Promise<never>;
  dispose(): void;
}

/** Rejects when `deadline` passes (`deadline`) or `signal` aborts (`cancelled`, or `deadline` if it is past). */
function abortWatch(deadline: number, signal: AbortSignal): AbortWatch {
  const expired = () => isDeadlineAbort(signal, deadline);
  let failure: PoolFailure | undefined;
  if (expired()) failure = { kind: "deadline" };
  else if (signal.aborted) failure = { kind: "cancelled" };
  let reject: (err: PoolCallError) => void = () => {};
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  promise.catch(() => {});
  const onAbort = () => reject(new PoolCallError(expired() ? { kind: "deadline" } : { kind: "cancelled" }));
  const timer =
    failure === undefined
      ? setTimeout(() => reject(new PoolCallError({ kind: "deadline" })), deadline - Date.now())
      : undefined;
  if (failure === undefined) signal.addEventListener("abort", onAbort, { once: true });
  return {
    failure,
    promise,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    },
  };
}
