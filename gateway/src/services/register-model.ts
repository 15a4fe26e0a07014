/**
 * RegisterModel: the client streams the metadata then the artifact. The gateway enforces the
 * upload limit while reading, cuts the bytes into pieces the bus carries, and forwards them to the
 * schedulers (any of them: the pieces land in the database). If anything fails — the limit, the
 * client going away, a duplicate found at commit — the upload is deleted, so nothing half-written
 * stays behind.
 */

import {
  ARTIFACT_CHUNK_BYTES,
  type Bus,
  callRpc,
  createRequestContext,
  InvalidArgumentError,
  type Logger,
  type RequestContext,
  ResourceExhaustedError,
  UPLOAD_SUBJECTS,
} from "@arbiter/core";
import {
  type ModelUpload,
  type RegisterModelRequest,
  type RegisterModelResponse,
  RegisterModelResponseSchema,
} from "@arbiter/proto";
import {
  AbortUploadSchema,
  BeginUploadResponseSchema,
  BeginUploadSchema,
  CommitUploadSchema,
  UploadChunkSchema,
} from "@arbiter/proto/internal";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { type DeadlinePolicy, requestContextOf } from "../request-context.ts";

export interface RegisterModelOptions {
  bus: Bus;
  policy: DeadlinePolicy;
  maxModelUploadBytes: number;
  logger: Logger;
}

/**
 * Registers one model version from its metadata and its artifact's bytes (in pieces of any size,
 * as they arrive): begins an upload, forwards the bytes in pieces the bus carries, and commits,
 * which inspects the model (INVALID_ARGUMENT when it does not load) and assigns the version. The
 * upload limit is enforced while reading (RESOURCE_EXHAUSTED). On any failure, the client going
 * away included, the upload is deleted. Used by RegisterModel and by the Open Inference Protocol's
 * RepositoryModelLoad with files.
 */
export async function uploadModel(
  options: RegisterModelOptions,
  ctx: RequestContext,
  meta: ModelUpload,
  artifact: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  signal?: AbortSignal,
): Promise<RegisterModelResponse> {
  const { bus, policy, maxModelUploadBytes, logger } = options;
  const callOptions = signal ? { signal } : {};
  let uploadId = "";
  let seq = 0;
  let size = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;

  const sendPiece = async (piece: Uint8Array) => {
    await callRpc(
      bus,
      UPLOAD_SUBJECTS.chunk,
      toBinary(UploadChunkSchema, create(UploadChunkSchema, { uploadId, seq, data: piece })),
      ctx,
      callOptions,
    );
    seq++;
  };
  const flush = async (all: boolean) => {
    if (pendingBytes === 0) return;
    const joined = Buffer.concat(pending, pendingBytes);
    let offset = 0;
    while (joined.byteLength - offset >= ARTIFACT_CHUNK_BYTES || (all && offset < joined.byteLength)) {
      const end = Math.min(offset + ARTIFACT_CHUNK_BYTES, joined.byteLength);
      await sendPiece(joined.subarray(offset, end));
      offset = end;
    }
    pending = offset < joined.byteLength ? [joined.subarray(offset)] : [];
    pendingBytes = joined.byteLength - offset;
  };

  try {
    const begun = await callRpc(
      bus,
      UPLOAD_SUBJECTS.begin,
      toBinary(BeginUploadSchema, create(BeginUploadSchema, { metadata: meta })),
      ctx,
      callOptions,
    );
    uploadId = fromBinary(BeginUploadResponseSchema, begun).uploadId;
    for await (const bytes of artifact) {
      size += bytes.byteLength;
      if (size > maxModelUploadBytes) {
        throw new ResourceExhaustedError(
          "limits.maxModelUploadBytes",
          `model artifact exceeds the upload limit of ${maxModelUploadBytes} bytes (received ${size} bytes so far)`,
        );
      }
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= ARTIFACT_CHUNK_BYTES) await flush(false);
    }
    await flush(true);
    const committed = await callRpc(
      bus,
      UPLOAD_SUBJECTS.commit,
      toBinary(
        CommitUploadSchema,
        create(CommitUploadSchema, { uploadId, metadata: meta, chunkCount: seq, sizeBytes: BigInt(size) }),
      ),
      ctx,
      callOptions,
    );
    uploadId = "";
    return fromBinary(RegisterModelResponseSchema, committed);
  } catch (err) {
    if (uploadId) await abortUpload(bus, ctx, uploadId, policy, logger);
    throw err;
  }
}

/** The client-streaming handler of ModelRegistryService.RegisterModel. */
export function registerModelHandler(options: RegisterModelOptions) {
  return async (
    requests: AsyncIterable<RegisterModelRequest>,
    hctx: HandlerContext,
  ): Promise<RegisterModelResponse> => {
    const ctx = requestContextOf(hctx, options.policy);
    const stream = requests[Symbol.asyncIterator]();
    const first = await stream.next();
    if (first.done) throw new InvalidArgumentError("part", "metadata in the first message", "an empty stream");
    if (first.value.part.case !== "metadata") {
      throw new InvalidArgumentError(
        "part",
        "metadata in the first message",
        first.value.part.case ?? "an empty message",
      );
    }
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let next = await stream.next(); !next.done; next = await stream.next()) {
        const part = next.value.part;
        if (part.case !== "chunk") {
          throw new InvalidArgumentError(
            "part",
            "artifact bytes (chunk) after the first message",
            part.case ?? "an empty message",
          );
        }
        yield part.value;
      }
    }
    return uploadModel(options, ctx, first.value.part.value, chunks(), hctx.signal);
  };
}

/** Deletes an unfinished upload; its own short deadline, since the call's may be what expired. */
async function abortUpload(
  bus: Bus,
  ctx: RequestContext,
  uploadId: string,
  policy: DeadlinePolicy,
  logger: Logger,
): Promise<void> {
  const abortCtx = createRequestContext(
    ctx.principal,
    Date.now() + Math.min(policy.defaultTimeoutMs, 10_000),
    ctx.traceparent,
    ctx.requestId,
  );
  try {
    await callRpc(
      bus,
      UPLOAD_SUBJECTS.abort,
      toBinary(AbortUploadSchema, create(AbortUploadSchema, { uploadId })),
      abortCtx,
    );
  } catch (err) {
    // The scheduler's sweeper deletes it later (scheduler.uploadTtlMs).
    logger.warn({ err, uploadId }, "could not delete an abandoned upload");
  }
}
