/**
 * Registers the example models shipped in examples/models when the embedded mesh starts, so a
 * newcomer has something to call. Each `<name>.onnx` becomes version 1 of model `<name>` in the
 * default tenant, through the same upload path as RegisterModel; models already present are left
 * alone.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ARTIFACT_CHUNK_BYTES, type Database, DEFAULT_TENANT, type Logger, ModelNotFoundError } from "@arbiter/core";
import { ModelUploadSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import { onnxInspector } from "../serving/onnx-inspector.ts";
import { ModelStore } from "./model-store.ts";

/** Registers every missing example model in `dir`; returns the names registered now. */
export async function registerExampleModels(
  db: Database,
  dir: string,
  logger: Logger,
  ortLibraryPath = "",
): Promise<string[]> {
  const store = new ModelStore(db, onnxInspector(ortLibraryPath));
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".onnx")).sort();
  const registered: string[] = [];
  for (const file of files) {
    const name = basename(file, ".onnx");
    try {
      await store.get(DEFAULT_TENANT, name, undefined);
      continue;
    } catch (err) {
      if (!(err instanceof ModelNotFoundError)) throw err;
    }
    const bytes = await readFile(join(dir, file));
    const uploadId = await store.beginUpload(DEFAULT_TENANT);
    let seq = 0;
    for (let offset = 0; offset < bytes.byteLength; offset += ARTIFACT_CHUNK_BYTES) {
      await store.appendChunk(DEFAULT_TENANT, uploadId, seq++, bytes.subarray(offset, offset + ARTIFACT_CHUNK_BYTES));
    }
    const meta = create(ModelUploadSchema, {
      name,
      version: 1n,
      format: "onnx",
      framework: "sklearn",
      labels: { example: "true" },
      description: `Example model shipped with Arbiter (examples/models/${file}).`,
    });
    await store.commitUpload(DEFAULT_TENANT, uploadId, meta, seq, bytes.byteLength);
    registered.push(name);
  }
  if (registered.length > 0) logger.info({ models: registered }, "registered the example models");
  return registered;
}
