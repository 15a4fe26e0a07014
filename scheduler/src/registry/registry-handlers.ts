/**
 * The model registry's RPCs on the scheduler: Get, List, Delete, and the upload steps behind
 * RegisterModel (the gateway receives the client stream and forwards it piece by piece).
 */

import { ARTIFACT_CHUNK_BYTES, InvalidArgumentError, UPLOAD_SUBJECTS } from "@arbiter/core";
import { ModelConfigSchema, ModelRegistryService, RegisterModelResponseSchema } from "@arbiter/proto";
import {
  AbortUploadResponseSchema,
  AbortUploadSchema,
  BeginUploadResponseSchema,
  BeginUploadSchema,
  CommitUploadSchema,
  UploadChunkResponseSchema,
  UploadChunkSchema,
} from "@arbiter/proto/internal";
import { create } from "@bufbuild/protobuf";
import { type HandlerTable, handle, typed } from "../rpc-router.ts";
import type { ModelStore } from "./model-store.ts";

const methods = ModelRegistryService.method;

/** Registers the registry's handlers in `table`. */
export function registerRegistryHandlers(table: HandlerTable, store: ModelStore): void {
  handle(table, methods.getModel, async (req, ctx) => ({ model: await store.get(ctx.tenant, req.name, req.selector) }));

  handle(table, methods.listModels, async (req, ctx) => store.list(ctx.tenant, req.pageSize, req.pageToken, req.name));

  handle(table, methods.deleteModel, async (req, ctx) => ({
    deletedVersions: await store.delete(ctx.tenant, req.name, Number(req.version)),
  }));

  handle(table, methods.updateModelConfig, async (req, ctx) => ({
    model: await store.updateConfig(ctx.tenant, req.name, Number(req.version), req.config ?? create(ModelConfigSchema)),
  }));

  handle(table, methods.setModelAlias, async (req, ctx) => {
    const previousVersion = await store.setAlias(ctx.tenant, req.name, req.alias, Number(req.version));
    return {
      model: await store.getVersion(ctx.tenant, req.name, Number(req.version)),
      previousVersion: BigInt(previousVersion),
    };
  });

  handle(table, methods.deleteModelAlias, async (req, ctx) => {
    await store.deleteAlias(ctx.tenant, req.name, req.alias);
    return {};
  });

  table.set(
    UPLOAD_SUBJECTS.begin,
    typed(BeginUploadSchema, BeginUploadResponseSchema, async (req, ctx) => {
      const meta = req.metadata;
      if (!meta) throw new InvalidArgumentError("metadata", "the model's metadata", "nothing");
      await store.assertVersionFree(ctx.tenant, meta.name, Number(meta.version));
      return { uploadId: await store.beginUpload(ctx.tenant) };
    }),
  );

  table.set(
    UPLOAD_SUBJECTS.chunk,
    typed(UploadChunkSchema, UploadChunkResponseSchema, async (req, ctx) => {
      if (req.data.byteLength > ARTIFACT_CHUNK_BYTES) {
        throw new InvalidArgumentError(
          "data",
          `at most ${ARTIFACT_CHUNK_BYTES} bytes per piece`,
          `${req.data.byteLength} bytes`,
        );
      }
      await store.appendChunk(ctx.tenant, req.uploadId, req.seq, req.data);
      return {};
    }),
  );

  table.set(
    UPLOAD_SUBJECTS.commit,
    typed(CommitUploadSchema, RegisterModelResponseSchema, async (req, ctx) => {
      const meta = req.metadata;
      if (!meta) throw new InvalidArgumentError("metadata", "the model's metadata", "nothing");
      return { model: await store.commitUpload(ctx.tenant, req.uploadId, meta, req.chunkCount, Number(req.sizeBytes)) };
    }),
  );

  table.set(
    UPLOAD_SUBJECTS.abort,
    typed(AbortUploadSchema, AbortUploadResponseSchema, async (req, ctx) => ({
      deletedChunks: await store.abortUpload(ctx.tenant, req.uploadId),
    })),
  );
}
