/**
 * Row-level security guards a tenant's statements only when they run through `db.forTenant`
 * (see core/src/db/database.ts): a store method that takes a tenant and queries `this.db`
 * directly runs in the platform scope, which sees every tenant. This test reads the scheduler's
 * sources and names any such method, so a new one cannot slip past review.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL(".", import.meta.url));

/** The scheduler's TypeScript sources, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const METHOD_START = /^ {2}(?:(?:public|private|protected|static|async)\s+)*[A-Za-z]\w*(?:<[^>]*>)?\(/;
const UNSCOPED = /this\.db\.(query|transaction|exec)\b/;

/** `name:line method` for each statement of a tenant's method in `text` that bypasses forTenant. */
function unscopedStatements(text: string, name: string): string[] {
  const found: string[] = [];
  let signature = "";
  let open = false;
  text.split("\n").forEach((line, i) => {
    if (METHOD_START.test(line)) {
      signature = line;
      open = !line.trimEnd().endsWith("{");
    } else if (open) {
      signature += line;
      open = !line.trimEnd().endsWith("{");
    }
    if (UNSCOPED.test(line) && /\btenant: string\b/.test(signature)) {
      found.push(`${name}:${i + 1} ${signature.trim().slice(0, 60)}`);
    }
  });
  return found;
}

describe("tenant-scoped data access", () => {
  it("runs every statement of a method that takes a tenant through db.forTenant", () => {
    const files = sources(SRC);
    assert.ok(
      files.some((f) => f.endsWith("model-store.ts")),
      "the stores were found",
    );
    assert.deepEqual(
      files.flatMap((f) => unscopedStatements(readFileSync(f, "utf8"), relative(SRC, f))),
      [],
    );
  });

  it("names a method that takes a tenant and queries this.db directly, over a signature of several lines", () => {
    const sample = [
      "export class SampleStore {",
      "  async get(",
      "    tenant: string,",
      "    id: string,",
      "  ): Promise<Row> {",
      "    return this.db.forTenant(tenant).query(SQL, [id]);",
      "  }",
      "  async list(tenant: string): Promise<Row[]> {",
      "    return this.db.query(SQL, [tenant]);",
      "  }",
      "  async sweep(olderThanMs: number): Promise<number> {",
      "    return this.db.query(SQL, [olderThanMs]);",
      "  }",
      "}",
    ].join("\n");
    assert.deepEqual(unscopedStatements(sample, "sample-store.ts"), [
      "sample-store.ts:9 async list(tenant: string): Promise<Row[]> {",
    ]);
  });
});
