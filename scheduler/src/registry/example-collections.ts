/**
 * Creates the example vector collections shipped in examples/collections when the embedded mesh
 * starts: each `<name>.json` holds the collection's metric and index kind, the built-in plugin
 * (and its configuration) that embeds item text, and the items with their payloads. The vectors
 * are computed here with that same plugin, so a pipeline that embeds a shopper's text the same way
 * searches them meaningfully. Collections already present are left alone.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Bus, type Database, DEFAULT_TENANT, InvalidArgumentError, type Logger } from "@arbiter/core";
import { BUILTIN_PLUGINS } from "../pipelines/plugins/index.ts";
import { VectorCollections, type VectorPayload } from "../vectors/index.ts";

interface ExampleCollection {
  name: string;
  metric: "l2" | "ip" | "cosine";
  kind?: "hnsw" | "flat";
  embedding: { plugin: string; config: Record<string, unknown> };
  items: { id: string; text: string; payload?: VectorPayload }[];
}

/** Creates every missing example collection in `dir`; returns the names created now. */
export async function registerExampleCollections(
  db: Database,
  bus: Bus,
  dir: string,
  logger: Logger,
): Promise<string[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) return [];
  const vectors = new VectorCollections({ db, bus, nodeId: "examples", logger });
  const created: string[] = [];
  try {
    for (const file of files) {
      const example = JSON.parse(await readFile(join(dir, file), "utf8")) as ExampleCollection;
      if (await vectors.exists(DEFAULT_TENANT, example.name)) continue;
      const plugin = BUILTIN_PLUGINS.get(example.embedding.plugin);
      if (!plugin) {
        throw new InvalidArgumentError(`${file}: embedding.plugin`, "a built-in plugin", example.embedding.plugin);
      }
      const prepared = plugin.prepare("embedding", example.embedding.config);
      const records = example.items.map((item) => {
        const out = plugin.run(prepared, "embedding", { text: item.text }).embedding as { data: ArrayLike<number> };
        return { id: item.id, values: Float32Array.from(out.data), ...(item.payload ? { payload: item.payload } : {}) };
      });
      const dim = records[0]?.values.length ?? 0;
      await vectors.create(DEFAULT_TENANT, {
        name: example.name,
        dim,
        metric: example.metric,
        ...(example.kind ? { kind: example.kind } : {}),
      });
      await vectors.upsert(DEFAULT_TENANT, example.name, records);
      created.push(example.name);
    }
  } finally {
    vectors.close();
  }
  if (created.length > 0) logger.info({ collections: created }, "created the example vector collections");
  return created;
}
