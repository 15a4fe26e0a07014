/**
 * The compiled load generator (bench/loadgen, Go): built on first use with the Go toolchain from
 * the module proxy into <repo>/.cache/bin (Go's build cache makes later builds a no-op), then run
 * as a child process against a server address. The end-to-end benchmarks drive their levels with
 * it rather than with the Node client of grpc-load.ts: on two shared cores, a Node HTTP/2 client
 * takes as much CPU per call as the server it measures (a bare Node HTTP/2 echo server does
 * 4–8k calls/s under it and 13–14k under this one), the way Triton's perf_analyzer or ghz are
 * compiled clients.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Level } from "./grpc-load.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE = join(ROOT, "bench/loadgen");
const BINARY = join(ROOT, ".cache/bin/arbiter-loadgen");

let built: Promise<string> | undefined;

/** Builds the load generator (once per process); resolves with its path. */
export function buildLoadgen(): Promise<string> {
  built ??= (async () => {
    mkdirSync(join(ROOT, ".cache/bin"), { recursive: true });
    try {
      // `go` on PATH, else where the Go tarball installs it.
      await run("go", ["build", "-trimpath", "-o", BINARY, "."], {
        cwd: SOURCE,
        env: { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/local/go/bin`, CGO_ENABLED: "0" },
      });
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? "";
      throw new Error(
        `building bench/loadgen with Go failed (Go 1.24+ and the Go module proxy are needed):\n${stderr}`,
      );
    }
    return BINARY;
  })();
  return built;
}

export interface LoadOptions {
  /** host:port of the gRPC server (plaintext HTTP/2). */
  address: string;
  /** `/<package>.<Service>/<Method>` */
  method: string;
  /** Encoded request messages; call i sends message i mod count. */
  messages: readonly Uint8Array[];
  /** Concurrency levels, driven in this order on one connection. */
  levels: readonly number[];
  seconds: number;
  warmupSeconds: number;
}

/** Drives each level in turn; resolves with one Level per level. Errors are counted, not thrown. */
export async function driveLevels(options: LoadOptions): Promise<Level[]> {
  const binary = await buildLoadgen();
  const dir = mkdtempSync(join(tmpdir(), "arbiter-loadgen-"));
  try {
    const file = join(dir, "requests.bin");
    const parts: Uint8Array[] = [];
    for (const message of options.messages) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(message.byteLength);
      parts.push(length, message);
    }
    writeFileSync(file, Buffer.concat(parts));
    const { stdout } = await run(
      binary,
      [
        `-addr=${options.address}`,
        `-method=${options.method}`,
        `-requests=${file}`,
        `-levels=${options.levels.join(",")}`,
        `-seconds=${options.seconds}`,
        `-warmup=${options.warmupSeconds}`,
      ],
      { maxBuffer: 1 << 20 },
    );
    return stdout
      .trim()
      .split("\n")
      .map((line) => {
        const r = JSON.parse(line) as Level & { first_error?: string };
        if (r.first_error) console.error(`loadgen: ${options.method}: ${r.errors} errors, first: ${r.first_error}`);
        return { p50_us: r.p50_us, p99_us: r.p99_us, throughput_rps: Math.round(r.throughput_rps), errors: r.errors };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
