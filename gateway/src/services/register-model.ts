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

/** The client-streaming handler of ModelRegistryService.RegisterModel. */
export function registerModelHandler(options: RegisterModelOptions) {
  const { bus, policy, maxModelUploadBytes, logger } = options;
  return async (
    requests: AsyncIterable<RegisterModelRequest>,
    hctx: HandlerContext,
  ): Promise<RegisterModelResponse> => {
    const ctx = requestContextOf(hctx, policy);
    let meta: ModelUpload | undefined;
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
        {
          signal: hctx.signal,
        },
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
      for await (const req of requests) {
        if (!meta) {
          if (req.part.case !== "metadata") {
            throw new InvalidArgumentError(
              "part",
              "metadata in the first message",
              req.part.case ?? "an empty message",
            );
          }
          meta = req.part.value;
          const begun = await callRpc(
            bus,
            UPLOAD_SUBJECTS.begin,
            toBinary(BeginUploadSchema, create(BeginUploadSchema, { metadata: meta })),
            ctx,
            {
              signal: hctx.signal,
            },
          );
          uploadId = fromBinary(BeginUploadResponseSchema, begun).uploadId;
          continue;
        }
        if (req.part.case !== "chunk") {
          throw new InvalidArgumentError(
            "part",
            "artifact bytes (chunk) after the first message",
            req.part.case ?? "an empty message",
          );
        }
        size += req.part.value.byteLength;
        if (size > maxModelUploadBytes) {
          throw new ResourceExhaustedError(
            "limits.maxModelUploadBytes",
            `model artifact exceeds the upload limit of ${maxModelUploadBytes} bytes (received ${size} bytes so far)`,
          );
        }
        pending.push(req.part.value);
        pendingBytes += req.part.value.byteLength;
        if (pendingBytes >= ARTIFACT_CHUNK_BYTES) await flush(false);
      }
      if (!meta) throw new InvalidArgumentError("part", "metadata in the first message", "an empty stream");
      await flush(true);
      const committed = await callRpc(
        bus,
        UPLOAD_SUBJECTS.commit,
        toBinary(
          CommitUploadSchema,
          create(CommitUploadSchema, { uploadId, metadata: meta, chunkCount: seq, sizeBytes: BigInt(size) }),
        ),
        ctx,
        { signal: hctx.signal },
      );
      uploadId = "";
      return fromBinary(RegisterModelResponseSchema, committed);
    } catch (err) {
      if (uploadId) await abortUpload(bus, ctx, uploadId, policy, logger);
      throw err;
    }
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
