/**
 * The registration checks CreatePipeline and ValidatePipeline run: validate-pipeline.ts (structure,
 * references, ports, types, CEL) against this scheduler's registry, then, for plugin and remote
 * nodes that passed, the node kind's own `prepare` (a user plugin's `init` accepts the config; a
 * remote URL is on the allow-list and its credential secret is configured). A `prepare` that
 * rejects the node becomes a problem naming the node and field, like every other check.
 */
import { ArbiterError, Code, InvalidArgumentError } from "@arbiter/core";
import {
  type ModelSignature,
  ModelSignatureSchema,
  type Node,
  type Pipeline,
  type PipelineProblem,
  PipelineProblemSchema,
  type VersionSelector,
} from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { NodeKinds } from "../compiled-pipeline.ts";
import type { NodeKindRunner } from "../node-kind.ts";
import type { PluginCatalog } from "../plugins/index.ts";
import { type PipelineResolver, validatePipeline } from "../validate-pipeline.ts";

/** Runs every registration check on a definition for a tenant; an empty list means it is valid. */
export type PipelineChecker = (pipeline: Pipeline, tenant: string) => Promise<PipelineProblem[]>;

/** What the checks look things up in. */
export interface PipelineCheckOptions {
  /** The model version a selector picks (latest when unset); throws NOT_FOUND when there is none. */
  readonly model: (
    tenant: string,
    name: string,
    selector: VersionSelector | undefined,
  ) => Promise<{ signature?: ModelSignature }>;
  /** Built-in and user plugins; a user plugin named by a node is loaded when it is checked. */
  readonly plugins: PluginCatalog;
  /** Whether a vector collection exists; without it no collection does (vector_search nodes fail). */
  readonly collectionExists?: (tenant: string, name: string) => Promise<boolean> | boolean;
  /**
   * Runners of the kinds whose `prepare` checks the node's configuration (plugin, remote), and
   * whose `describe` tells the node's ports (those and vector_search).
   */
  readonly kinds?: Pick<NodeKinds, "plugin" | "remote" | "vectorSearch">;
}

/** Creates the checker of CreatePipeline and ValidatePipeline. */
export function createPipelineChecker(options: PipelineCheckOptions): PipelineChecker {
  const resolver: PipelineResolver = {
    async resolveModel(tenant, name, selector) {
      try {
        return (await options.model(tenant, name, selector)).signature ?? create(ModelSignatureSchema);
      } catch (err) {
        if (err instanceof ArbiterError && err.code === Code.NotFound) return undefined;
        throw err;
      }
    },
    collectionExists: (tenant, name) => options.collectionExists?.(tenant, name) ?? false,
    async pluginExists(_tenant, name) {
      if (options.plugins.builtin(name) !== undefined) return true;
      return (await options.plugins.resolve(name)) !== undefined;
    },
  };
  const kinds = options.kinds ?? {};

  return async (pipeline, tenant) => {
    const problems = await validatePipeline(pipeline, { tenant, resolver, kinds });
    const flagged = new Set(problems.map((p) => p.node));
    const seen = new Set<string>();
    const prepared = await Promise.all(
      pipeline.nodes.map((node) => {
        // Duplicates and nodes with a problem already are left to the problems reported.
        if (flagged.has(node.name) || seen.has(node.name)) return undefined;
        seen.add(node.name);
        return prepareProblem(node, tenant, kinds);
      }),
    );
    for (const p of prepared) if (p !== undefined) problems.push(p);
    return problems;
  };
}

/** Runs the node kind's `prepare` when it has one worth running here; a rejection as a problem. */
async function prepareProblem(
  node: Node,
  tenant: string,
  kinds: Pick<NodeKinds, "plugin" | "remote" | "vectorSearch">,
): Promise<PipelineProblem | undefined> {
  const kind = node.kind.case;
  if (kind !== "plugin" && kind !== "remote") return undefined;
  const runner = kinds[kind] as NodeKindRunner<unknown, unknown> | undefined;
  if (runner === undefined) return undefined;
  try {
    await runner.prepare(node.name, node.kind.value, tenant);
    return undefined;
  } catch (err) {
    if (!(err instanceof ArbiterError) || err.code === Code.Internal || err.code === Code.Unavailable) throw err;
    return create(PipelineProblemSchema, { node: node.name, ...describeRejection(err, node.name, kind) });
  }
}

/**
 * Field and message of a runner's rejection. Runners name the field `node "<name>" <field>`
 * (`node "fx" remote.url`, `node "tok" config`); the field is made relative to the node and to
 * the kind's message (`remote.url`, `plugin.config`).
 */
function describeRejection(err: ArbiterError, node: string, kind: string): { field: string; message: string } {
  if (err instanceof InvalidArgumentError || (err.details.field !== undefined && err.details.expected !== undefined)) {
    const d = err.details as { field?: unknown; expected?: unknown; received?: unknown };
    let field = String(d.field).replace(`node "${node}"`, "").trim();
    field = field.replace(/^field "(.*)"$/, "$1");
    if (field === "") field = kind;
    else if (!field.startsWith(`${kind}.`) && field !== kind) field = `${kind}.${field}`;
    return { field, message: `expected ${String(d.expected)}, got ${String(d.received)}` };
  }
  return { field: kind === "plugin" ? "plugin.plugin" : kind, message: err.message };
}
