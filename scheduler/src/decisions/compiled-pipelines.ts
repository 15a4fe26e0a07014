/**
 * Compiled pipelines, ready to run: a pipeline version is compiled once per node (expressions
 * parsed, plugins resolved, the plan built) and shared by every request. Which version a
 * selector (latest, a number, an alias) picks is remembered for a few seconds, like the gateway
 * does for models, so an alias promotion takes effect within them; it is looked up again in the
 * background meanwhile (RefreshingCache), so no request waits on the registry for a pipeline
 * already seen.
 */
import { RefreshingCache } from "@arbiter/core";
import type { Pipeline, VersionSelector } from "@arbiter/proto";
import { type CompiledPipeline, compilePipeline, type NodeKinds } from "../pipelines/index.ts";

/** Where pipeline definitions come from (the pipeline registry). */
export interface PipelineSource {
  /** The version the selector picks (latest when unset); NOT_FOUND when there is none. */
  get(tenant: string, name: string, selector: VersionSelector | undefined): Promise<Pipeline>;
}

/** How long a selector's resolution is reused. */
export const PIPELINE_VERSION_CACHE_MS = 2000;
/** Compiled versions kept per node (least recently used dropped first). */
export const COMPILED_PIPELINES_KEPT = 256;

function selectorKey(selector: VersionSelector | undefined): string {
  const sel = selector?.selector;
  return sel?.case === undefined ? "" : `${sel.case}\u0000${sel.value}`;
}

/** A pipeline version ready to run, with its definition (audit and shadow policies). */
export interface RunnablePipeline {
  readonly plan: CompiledPipeline;
  readonly definition: Pipeline;
}

export class CompiledPipelines {
  /** The compiled version each (tenant, name, selector) picks. */
  private readonly resolved = new RefreshingCache<RunnablePipeline>(PIPELINE_VERSION_CACHE_MS);
  private readonly compiled = new Map<string, Promise<RunnablePipeline>>();

  constructor(
    private readonly source: PipelineSource,
    private readonly kinds: NodeKinds,
  ) {}

  /** The compiled version the selector picks. */
  get(tenant: string, name: string, selector: VersionSelector | undefined): Promise<RunnablePipeline> {
    return this.resolved.get(`${tenant}\u0000${name}\u0000${selectorKey(selector)}`, async () =>
      this.compile(tenant, await this.source.get(tenant, name, selector)),
    );
  }

  /** The compiled form of a definition already read (replay of a given version). */
  compile(tenant: string, pipeline: Pipeline): Promise<RunnablePipeline> {
    const key = `${tenant}\u0000${pipeline.name}\u0000${Number(pipeline.version)}`;
    const hit = this.compiled.get(key);
    if (hit) return this.touch(key, hit);
    const pending = compilePipeline(pipeline, { tenant, kinds: this.kinds }).then((plan) => ({
      plan,
      definition: pipeline,
    }));
    // A definition that fails to compile is not kept: the error reaches this caller only.
    pending.catch(() => this.compiled.delete(key));
    this.compiled.set(key, pending);
    if (this.compiled.size > COMPILED_PIPELINES_KEPT) {
      const oldest = this.compiled.keys().next().value;
      if (oldest !== undefined) this.compiled.delete(oldest);
    }
    return pending;
  }

  /** Compiles a definition without keeping it (a variant no other request uses, e.g. replay overrides). */
  async compileOnce(tenant: string, pipeline: Pipeline): Promise<RunnablePipeline> {
    return { plan: await compilePipeline(pipeline, { tenant, kinds: this.kinds }), definition: pipeline };
  }

  /** Forgets every version of a pipeline (after it is deleted or its aliases move). */
  forget(tenant: string, name: string): void {
    const prefix = `${tenant}\u0000${name}\u0000`;
    this.resolved.deletePrefix(prefix);
    for (const key of [...this.compiled.keys()]) if (key.startsWith(prefix)) this.compiled.delete(key);
  }

  private touch(key: string, value: Promise<RunnablePipeline>): Promise<RunnablePipeline> {
    this.compiled.delete(key);
    this.compiled.set(key, value);
    return value;
  }
}
