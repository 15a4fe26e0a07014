/**
 * `scheduler.requiredModels`: models a node loads at start before it reports ready, so that a
 * rollout sends it traffic only once it can answer without a cold load. A model that is not
 * registered yet (or fails to load) is asked for again until it loads or the node stops.
 */
import { DEFAULT_TENANT, InvalidArgumentError, type Logger } from "@arbiter/core";
import { VersionSelectorSchema } from "@arbiter/proto";
import { create } from "@bufbuild/protobuf";
import type { ModelStore } from "../registry/model-store.ts";
import type { ModelHost } from "./model-host.ts";

/** How long to wait before asking again for a model that could not be loaded. */
export const REQUIRED_MODEL_RETRY_MS = 2000;

/** One entry of `scheduler.requiredModels`. */
export interface RequiredModel {
  readonly tenant: string;
  readonly name: string;
  /** Undefined: the model's default version. */
  readonly version: bigint | undefined;
}

/** Reads `name`, `name:version` or `tenant/name:version`; INVALID_ARGUMENT naming the setting otherwise. */
export function parseRequiredModel(spec: string): RequiredModel {
  const match = /^(?:([^/:\s]+)\/)?([^/:\s]+)(?::([1-9][0-9]*))?$/.exec(spec);
  if (!match) {
    throw new InvalidArgumentError(
      "scheduler.requiredModels",
      "entries like name, name:version or tenant/name:version",
      JSON.stringify(spec),
    );
  }
  return {
    tenant: match[1] ?? DEFAULT_TENANT,
    name: match[2] as string,
    version: match[3] === undefined ? undefined : BigInt(match[3]),
  };
}

/**
 * Loads every required model on this node; resolves once all are loaded. `stopped` ends the
 * attempts (the promise then never resolves: the node is going away).
 */
export async function loadRequiredModels(
  specs: readonly string[],
  deps: { store: ModelStore; host: ModelHost; logger: Logger; stopped: () => boolean },
): Promise<void> {
  const required = specs.map(parseRequiredModel);
  await Promise.all(
    required.map(async (model) => {
      const selector =
        model.version === undefined
          ? undefined
          : create(VersionSelectorSchema, { selector: { case: "version", value: model.version } });
      for (;;) {
        if (deps.stopped()) return new Promise<never>(() => {});
        try {
          const found = await deps.store.get(model.tenant, model.name, selector);
          await deps.host.ensureLoaded({ tenant: model.tenant, name: model.name, version: Number(found.version) });
          deps.logger.info({ model: model.name, version: String(found.version) }, "required model loaded");
          return;
        } catch (err) {
          deps.logger.warn({ err, model: model.name }, "required model not loaded yet; asking again");
          await new Promise((resolve) => setTimeout(resolve, REQUIRED_MODEL_RETRY_MS).unref());
        }
      }
    }),
  );
}
