import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackDirectory } from "./cleanup.ts";

/** Options of {@link createTempDir}. */
export interface TempDirOptions {
  /** Start of the directory's name (a random suffix follows). Default `"arbiter-test-"`. */
  prefix?: string;
  /** Parent directory. Default: the OS temporary directory (`os.tmpdir()`). */
  parent?: string;
  /** Hand the directory to this user (used when servers run unprivileged under a root test process). */
  owner?: { uid: number; gid: number };
}

/**
 * A private (mode 0700) temporary directory that is removed by {@link TempDir.remove}, or at the
 * latest when the test process exits.
 */
export class TempDir {
  /** Absolute path of the directory. */
  readonly path: string;
  #untrack: () => void;
  #removed = false;

  private constructor(path: string) {
    this.path = path;
    this.#untrack = trackDirectory(path);
  }

  /** Creates the directory; see {@link TempDirOptions}. */
  static async create(options: TempDirOptions = {}): Promise<TempDir> {
    const path = await mkdtemp(join(options.parent ?? tmpdir(), options.prefix ?? "arbiter-test-"));
    if (options.owner) await chown(path, options.owner.uid, options.owner.gid);
    return new TempDir(path);
  }

  /** Absolute path of `segments` inside this directory. */
  join(...segments: string[]): string {
    return join(this.path, ...segments);
  }

  /** Deletes the directory and everything in it. Idempotent. */
  async remove(): Promise<void> {
    if (this.#removed) return;
    this.#removed = true;
    await rm(this.path, { recursive: true, force: true, maxRetries: 3 });
    this.#untrack();
  }
}

/** Shorthand for {@link TempDir.create}. */
export function createTempDir(options?: TempDirOptions): Promise<TempDir> {
  return TempDir.create(options);
}
