/**
 * The plugins that plugin nodes can use: the built-ins, and user plugin modules in the configured
 * plugin directory. The ListPlugins and LoadPlugin handlers call {@link PluginCatalog.list} and
 * {@link PluginCatalog.load}; the plugin node runner resolves names through it.
 *
 * User plugins are shared by every tenant of the process (the directory is the operator's); a
 * module is only ever executed inside worker threads, including when it is inspected for a
 * listing, so a module that throws or hangs at import cannot disturb the scheduler.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  componentLogger,
  FailedPreconditionError,
  InvalidArgumentError,
  type Logger,
  NotFoundError,
} from "@arbiter/core";
import type { BuiltinPlugin } from "./builtin-plugin.ts";
import { BUILTIN_PLUGINS } from "./builtins.ts";
import { PLUGIN_NAME_PATTERN, type PluginPort } from "./plugin-api.ts";
import { type PluginMetadata, PluginWorkerPool, PoolCallError } from "./worker-pool.ts";

/** Module file names the catalog accepts (LoadPluginRequest.file has the same rule). */
export const PLUGIN_FILE_PATTERN = /^[A-Za-z0-9_.-]{1,128}\.m?js$/;

/** Options of a {@link PluginCatalog}; everything has a default. */
export interface PluginCatalogOptions {
  /** Directory holding user plugin modules (`*.js`, `*.mjs`); without it only built-ins exist. */
  readonly pluginDir?: string;
  /** Worker threads per loaded user plugin, started on demand (default 2). */
  readonly workersPerPlugin?: number;
  /** Heap limit of each plugin worker in MiB (default 256); a worker that exceeds it is replaced. */
  readonly workerMemoryMb?: number;
  /** How long a module may take to import, and `init` to run at registration, in ms (default 10000). */
  readonly loadTimeoutMs?: number;
  /** Receives worker crashes and plugin console output; optional. */
  readonly logger?: Logger;
}

/** One plugin as ListPlugins shows it. */
export interface PluginInfo {
  readonly name: string;
  /** `"builtin"` or `"user"`. */
  readonly origin: "builtin" | "user";
  /** The module's `version` (empty when it gives none, and for built-ins). */
  readonly version: string;
  readonly description: string;
  /** User plugins: the module's file name inside the plugin directory; empty for built-ins. */
  readonly path: string;
  /** Whether the plugin is loaded (always true for built-ins). */
  readonly loaded: boolean;
  readonly inputs: readonly PluginPort[];
  readonly outputs: readonly PluginPort[];
  /** Why the module cannot be used (it failed to import or breaks the interface); absent when it can. */
  readonly error?: string;
}

/** A user plugin that is loaded: its metadata and the workers running it. */
export interface LoadedPlugin {
  readonly name: string;
  readonly file: string;
  readonly meta: PluginMetadata;
  readonly pool: PluginWorkerPool;
}

interface Inspection {
  readonly mtimeMs: number;
  readonly size: number;
  readonly meta?: PluginMetadata;
  readonly error?: string;
}

/** Built-in and user plugins (see the module comment). */
export class PluginCatalog {
  readonly #dir: string | undefined;
  readonly #workers: number;
  readonly #memoryMb: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger | undefined;
  /** Loaded user plugins by plugin name. */
  readonly #loaded = new Map<string, LoadedPlugin>();
  /** What importing each file reported, while the file is unchanged. */
  readonly #inspected = new Map<string, Inspection>();
  #lock: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: PluginCatalogOptions = {}) {
    this.#dir = options.pluginDir;
    this.#workers = options.workersPerPlugin ?? 2;
    this.#memoryMb = options.workerMemoryMb ?? 256;
    this.#timeoutMs = options.loadTimeoutMs ?? 10_000;
    this.#logger = options.logger;
  }

  /** How long `init` may run when a node is prepared, in milliseconds. */
  get initTimeoutMs(): number {
    return this.#timeoutMs;
  }

  /** The built-in plugin called `name`, if any. */
  builtin(name: string): BuiltinPlugin | undefined {
    return BUILTIN_PLUGINS.get(name);
  }

  /** The loaded user plugin called `name`, if any (the current one after a reload). */
  loaded(name: string): LoadedPlugin | undefined {
    return this.#loaded.get(name);
  }

  /**
   * Every plugin: built-ins first, then each module file of the plugin directory in name order,
   * loaded or not. Files that cannot be used are listed with `error` set.
   */
  async list(): Promise<PluginInfo[]> {
    const out: PluginInfo[] = [...BUILTIN_PLUGINS.values()].map((p) => ({
      name: p.name,
      origin: "builtin",
      version: "",
      description: p.description,
      path: "",
      loaded: true,
      inputs: p.inputs,
      outputs: p.outputs,
    }));
    for (const file of await this.#files()) {
      const loaded = [...this.#loaded.values()].find((p) => p.file === file);
      if (loaded !== undefined) {
        out.push(this.#info(file, loaded.meta, true));
        continue;
      }
      const seen = await this.#inspect(file);
      if (seen === undefined) continue;
      out.push(
        seen.meta === undefined
          ? { ...this.#info(file, undefined, false), error: seen.error ?? "unknown" }
          : { ...this.#info(file, seen.meta, false), ...this.#problem(file, seen.meta) },
      );
    }
    return out;
  }

  /**
   * Loads (or reloads) the module `file` of the plugin directory: imports it in a fresh worker,
   * checks its interface and makes it the plugin of its name. Calls already running on a previous
   * version finish there; later calls use the new one.
   *
   * Throws InvalidArgumentError for a bad file name, NotFoundError for a missing file, and
   * FailedPreconditionError when no directory is configured or the module cannot be used.
   */
  load(file: string): Promise<PluginInfo> {
    return this.#exclusive(() => this.#load(file));
  }

  /**
   * The user plugin called `name`: the loaded one, or else the first module file of the directory
   * that declares that name, loaded now. Undefined when there is none.
   */
  resolve(name: string): Promise<LoadedPlugin | undefined> {
    const loaded = this.#loaded.get(name);
    if (loaded !== undefined) return Promise.resolve(loaded);
    return this.#exclusive(async () => {
      const again = this.#loaded.get(name);
      if (again !== undefined) return again;
      for (const file of await this.#files()) {
        const seen = await this.#inspect(file);
        if (seen?.meta?.name === name) {
          await this.#load(file);
          return this.#loaded.get(name);
        }
      }
      return undefined;
    });
  }

  /** Terminates every plugin worker; the catalog cannot load anything afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#loaded.values()].map((p) => p.pool);
    this.#loaded.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => {});
    return run;
  }

  #info(file: string, meta: PluginMetadata | undefined, loaded: boolean): PluginInfo {
    return {
      name: meta?.name ?? file,
      origin: "user",
      version: meta?.version ?? "",
      description: meta?.description ?? "",
      path: file,
      loaded,
      inputs: meta?.inputs ?? [],
      outputs: meta?.outputs ?? [],
    };
  }

  /** Why a module that imported fine still cannot be used as a plugin, if it cannot. */
  #problem(file: string, meta: PluginMetadata): { error?: string } {
    if (!PLUGIN_NAME_PATTERN.test(meta.name)) {
      return { error: `its name ${JSON.stringify(meta.name)} is not 1 to 64 characters of A-Z a-z 0-9 _ . -` };
    }
    if (BUILTIN_PLUGINS.has(meta.name)) return { error: `its name "${meta.name}" is the name of a built-in plugin` };
    const holder = this.#loaded.get(meta.name);
    if (holder !== undefined && holder.file !== file) {
      return { error: `plugin "${meta.name}" is already loaded from "${holder.file}"` };
    }
    return {};
  }

  #directory(): string {
    if (this.#dir === undefined) {
      throw new FailedPreconditionError("no plugin directory is configured, so there are no user plugins", {});
    }
    return this.#dir;
  }

  /** Module files of the plugin directory, in name order (none without a directory). */
  async #files(): Promise<string[]> {
    if (this.#dir === undefined) return [];
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(this.#dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    return entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && PLUGIN_FILE_PATTERN.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  /** The module's path when `file` is a regular file inside the directory (symlinks must stay inside). */
  async #pathOf(file: string): Promise<{ path: string; mtimeMs: number; size: number } | undefined> {
    const dir = this.#directory();
    const path = join(dir, file);
    try {
      const [real, realDir] = await Promise.all([realpath(path), realpath(dir)]);
      if (!real.startsWith(`${realDir}/`)) return undefined;
      const s = await stat(real);
      return s.isFile() ? { path: real, mtimeMs: s.mtimeMs, size: s.size } : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
  }

  /** Imports `file` in a throwaway worker (cached while the file is unchanged). */
  async #inspect(file: string): Promise<Inspection | undefined> {
    const where = await this.#pathOf(file);
    if (where === undefined) return undefined;
    const cached = this.#inspected.get(file);
    if (cached !== undefined && cached.mtimeMs === where.mtimeMs && cached.size === where.size) return cached;
    const pool = this.#pool(where.path, 1);
    let seen: Inspection;
    try {
      seen = { mtimeMs: where.mtimeMs, size: where.size, meta: await pool.start() };
    } catch (err) {
      seen = { mtimeMs: where.mtimeMs, size: where.size, error: loadMessage(err) };
    } finally {
      await pool.close();
    }
    this.#inspected.set(file, seen);
    return seen;
  }

  #pool(path: string, size: number): PluginWorkerPool {
    return new PluginWorkerPool(path, {
      size,
      memoryMb: this.#memoryMb,
      startTimeoutMs: this.#timeoutMs,
      ...(this.#logger === undefined ? {} : { logger: componentLogger(this.#logger, "plugin-worker") }),
    });
  }

  async #load(file: string): Promise<PluginInfo> {
    if (!PLUGIN_FILE_PATTERN.test(file)) {
      throw new InvalidArgumentError(
        "file",
        "a .js or .mjs file name of up to 128 characters of A-Z a-z 0-9 _ . -",
        JSON.stringify(file),
      );
    }
    if (this.#closed) throw new FailedPreconditionError("the plugin catalog is closed", {});
    const where = await this.#pathOf(file);
    if (where === undefined) throw new NotFoundError("plugin file", file);
    const pool = this.#pool(where.path, this.#workers);
    let meta: PluginMetadata;
    try {
      meta = await pool.start();
    } catch (err) {
      await pool.close();
      throw new FailedPreconditionError(`plugin file "${file}" cannot be loaded: ${loadMessage(err)}`, { file });
    }
    const problem = this.#problem(file, meta).error;
    if (problem !== undefined) {
      await pool.close();
      throw new FailedPreconditionError(`plugin file "${file}" cannot be loaded: ${problem}`, { file });
    }
    this.#inspected.set(file, { mtimeMs: where.mtimeMs, size: where.size, meta });
    for (const [name, previous] of this.#loaded) {
      if (previous.file === file) {
        this.#loaded.delete(name);
        previous.pool.retire();
      }
    }
    this.#loaded.set(meta.name, { name: meta.name, file, meta, pool });
    this.#logger?.info({ plugin: meta.name, file, version: meta.version }, "plugin loaded");
    return this.#info(file, meta, true);
  }
}

function loadMessage(err: unknown): string {
  if (err instanceof PoolCallError && "message" in err.failure) return err.failure.message;
  return err instanceof Error ? err.message : String(err);
}
