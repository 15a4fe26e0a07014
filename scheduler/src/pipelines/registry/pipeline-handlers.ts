/**
 * PipelineService on the scheduler: the pipeline registry (create with registration checks,
 * validate, get, list, delete, aliases) and the plugin catalog (list, load). The gateway forwards
 * each unary RPC here over the bus with the caller's tenant in the request context.
 */
import { InvalidArgumentError } from "@arbiter/core";
import { PipelineService, type Plugin, PluginSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { HandlerTable } from "../../rpc-router.ts";
import { handle } from "../../rpc-router.ts";
import type { PluginCatalog, PluginInfo } from "../plugins/index.ts";
import type { PipelineChecker } from "./pipeline-checks.ts";
import { PipelineInvalidError } from "./pipeline-errors.ts";
import type { PipelineStore } from "./pipeline-store.ts";

const methods = PipelineService.method;

/** What the PipelineService handlers use. */
export interface PipelineServiceDeps {
  readonly store: PipelineStore;
  /** The registration checks (see pipeline-checks.ts). */
  readonly check: PipelineChecker;
  readonly plugins: PluginCatalog;
  /** Called after LoadPlugin loaded a file here (the other schedulers load it too). */
  readonly pluginLoaded?: (file: string) => void;
}

/** A catalog entry as the API shows it. */
export function toPluginMessage(info: PluginInfo): Plugin {
  return create(PluginSchema, {
    name: info.name,
    origin: info.origin,
    description: info.description,
    path: info.path,
    version: info.version,
    loaded: info.loaded,
    error: info.error ?? "",
  });
}

/** Registers PipelineService's handlers in `table`. */
export function registerPipelineHandlers(table: HandlerTable, deps: PipelineServiceDeps): void {
  const { store, check, plugins } = deps;

  handle(table, methods.createPipeline, async (req, ctx) => {
    const pipeline = req.pipeline;
    if (pipeline === undefined) throw new InvalidArgumentError("pipeline", "a pipeline definition", "nothing");
    const problems = await check(pipeline, ctx.tenant);
    if (problems.length > 0) throw new PipelineInvalidError(pipeline.name, problems);
    return { pipeline: await store.create(ctx.tenant, pipeline) };
  });

  handle(table, methods.validatePipeline, async (req, ctx) => {
    if (req.pipeline === undefined) throw new InvalidArgumentError("pipeline", "a pipeline definition", "nothing");
    return { problems: await check(req.pipeline, ctx.tenant) };
  });

  handle(table, methods.getPipeline, async (req, ctx) => ({
    pipeline: await store.get(ctx.tenant, req.name, req.selector),
  }));

  handle(table, methods.listPipelines, async (req, ctx) =>
    store.list(ctx.tenant, req.pageSize, req.pageToken, req.name),
  );

  handle(table, methods.deletePipeline, async (req, ctx) => ({
    deletedVersions: await store.delete(ctx.tenant, req.name, Number(req.version)),
  }));

  handle(table, methods.setPipelineAlias, async (req, ctx) => {
    const previousVersion = await store.setAlias(ctx.tenant, req.name, req.alias, Number(req.version));
    return {
      pipeline: await store.getVersion(ctx.tenant, req.name, Number(req.version)),
      previousVersion: BigInt(previousVersion),
    };
  });

  handle(table, methods.listPlugins, async () => ({ plugins: (await plugins.list()).map(toPluginMessage) }));

  handle(table, methods.loadPlugin, async (req) => {
    const info = await plugins.load(req.file);
    deps.pluginLoaded?.(req.file);
    return { plugin: toPluginMessage(info) };
  });
}
