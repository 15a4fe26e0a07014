/**
 * A lean in-process gRPC client for the benchmarks that need the replies or per-call headers
 * (bench:decide's node-latency pass, bench:noisy's tenants): unary calls framed by hand on one
 * HTTP/2 connection. Levels measured for their own sake use the compiled load generator of
 * loadgen.ts, which leaves the shared cores to the server. A reply counts only with grpc-status 0
 * and a message body.
 */
import type http2 from "node:http2";
import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";

/** Throughput and latency of one concurrency level. */
export interface Level {
  p50_us: number;
  p99_us: number;
  throughput_rps: number;
  errors: number;
}

/**
 * Of a level measured in several rounds: the round with the median throughput (its latencies
 * with it), with the errors of every round.
 */
export function medianRound(rounds: readonly Level[]): Level {
  const sorted = [...rounds].sort((a, b) => a.throughput_rps - b.throughput_rps);
  const median = sorted[(sorted.length - 1) >> 1] as Level;
  return { ...median, errors: rounds.reduce((sum, r) => sum + r.errors, 0) };
}

/** The p-th percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** A message as a gRPC message frame. */
export function framed<D extends DescMessage>(schema: D, message: MessageShape<D>): Buffer {
  const bytes = toBinary(schema, message);
  const frame = Buffer.alloc(5 + bytes.byteLength);
  frame.writeUInt32BE(bytes.byteLength, 1);
  frame.set(bytes, 5);
  return frame;
}

/** One unary call on a shared session; resolves with the reply message bytes, rejects unless grpc-status is 0. */
export function unaryCall(session: http2.ClientHttp2Session, path: string, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": "10S",
    });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    stream.on("response", (headers) => {
      status = headers["grpc-status"] as string | undefined;
    });
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("trailers", (trailers) => {
      status = trailers["grpc-status"] as string | undefined;
    });
    stream.on("error", reject);
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      if (status === "0" && body.byteLength > 5) resolve(body.subarray(5));
      else reject(new Error(`grpc-status ${status}`));
    });
    stream.end(frame);
  });
}

/**
 * `concurrency` clients call back to back for `seconds` after a warm-up; `call(i)` makes call
 * number i and resolves when its reply is checked. Latencies in µs.
 */
export async function drive(
  concurrency: number,
  seconds: number,
  warmupSeconds: number,
  call: (i: number) => Promise<unknown>,
): Promise<Level> {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async (w: number) => {
    let i = w;
    while (!stop) {
      const started = performance.now();
      try {
        await call(i);
        if (measuring) latencies.push((performance.now() - started) * 1000);
      } catch {
        if (measuring) errors++;
      }
      i += concurrency;
    }
  };
  const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  measuring = true;
  const began = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - began) / 1000;
  stop = true;
  await Promise.all(workers);
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50_us: Math.round(percentile(sorted, 50)),
    p99_us: Math.round(percentile(sorted, 99)),
    throughput_rps: Math.round(latencies.length / elapsed),
    errors,
  };
}
