/**
 * Explicit model lifecycle: LoadModel loads (and warms up) a version on the node that takes the
 * request; UnloadModel unloads it everywhere — here at once, on the other nodes through a
 * broadcast — so it stops serving until it is loaded again (explicitly or by a request).
 */

import { type Bus, contextFromHeaders, contextToHeaders, type Logger, UNLOAD_BROADCAST_SUBJECT } from "@arbiter/core";
import { ModelRegistryService, type UnloadModelRequest, UnloadModelRequestSchema } from "@arbiter/proto";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { ModelStore } from "../registry/model-store.ts";
import { type HandlerTable, handle } from "../rpc-router.ts";
import type { ModelHost } from "./model-host.ts";

export function registerLifecycleHandlers(
  table: HandlerTable,
  store: ModelStore,
  host: ModelHost,
  bus: Bus,
  nodeId: string,
): void {
  handle(table, ModelRegistryService.method.loadModel, async (req, ctx) => {
    const model = await store.get(ctx.tenant, req.name, req.selector);
    await host.ensureLoaded({ tenant: ctx.tenant, name: model.name, version: Number(model.version) });
    return { model, nodeIds: [nodeId] };
  });

  handle(table, ModelRegistryService.method.unloadModel, async (req, ctx) => {
    const model = await store.get(ctx.tenant, req.name, req.selector);
    const exact = create(UnloadModelRequestSchema, {
      name: model.name,
      selector: { selector: { case: "version", value: model.version } },
    });
    bus.publish(UNLOAD_BROADCAST_SUBJECT, toBinary(UnloadModelRequestSchema, exact), contextToHeaders(ctx));
    await host.unload({ tenant: ctx.tenant, name: model.name, version: Number(model.version) });
    return {};
  });
}

/** Every node listens for unload broadcasts (not a queue group: all must hear it). */
export function listenForUnloads(bus: Bus, host: ModelHost, logger: Logger): () => void {
  const sub = bus.subscribe(UNLOAD_BROADCAST_SUBJECT, (message) => {
    try {
      const ctx = contextFromHeaders(message.headers);
      const req: UnloadModelRequest = fromBinary(UnloadModelRequestSchema, message.data);
      const sel = req.selector?.selector;
      if (sel?.case !== "version") return;
      void host.unload({ tenant: ctx.tenant, name: req.name, version: Number(sel.value) });
    } catch (err) {
      logger.warn({ err }, "ignored a malformed unload broadcast");
    }
  });
  return () => sub.unsubscribe();
}
