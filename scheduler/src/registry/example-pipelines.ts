/**
 * Registers the example pipelines shipped in examples/pipelines when the embedded mesh starts
 * (after the example models they use): each `<name>.json`, a Pipeline in protobuf JSON, becomes
 * version 1 of pipeline `<name>` in the default tenant; pipelines already present are left alone.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { type Database, DEFAULT_TENANT, type Logger } from "@arbiter/core";
import { PipelineSchema } from "@arbiter/proto";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { PipelineNotFoundError, PipelineStore } from "../pipelines/registry/index.ts";

/** Registers every missing example pipeline in `dir`; returns the names registered now. */
export async function registerExamplePipelines(db: Database, dir: string, logger: Logger): Promise<string[]> {
  const store = new PipelineStore(db);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  const registered: string[] = [];
  for (const file of files) {
    const name = basename(file, ".json");
    try {
      await store.get(DEFAULT_TENANT, name, undefined);
      continue;
    } catch (err) {
      if (!(err instanceof PipelineNotFoundError)) throw err;
    }
    const json = JSON.parse(await readFile(join(dir, file), "utf8")) as JsonValue;
    await store.create(DEFAULT_TENANT, fromJson(PipelineSchema, json));
    registered.push(name);
  }
  if (registered.length > 0) logger.info({ pipelines: registered }, "registered the example pipelines");
  return registered;
}
