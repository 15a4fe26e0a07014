/**
 * Routes inference requests to the nodes that hold the model. The gateway remembers, for a few
 * seconds, which version a (model, version-or-alias) selector resolved to; with it, a request goes
 * straight to that version's subject, served by the queue group of the nodes that have it loaded.
 * Without it — first use, an alias moved, the model was evicted everywhere ("no responders") — the
 * request goes to any scheduler, which resolves the version, loads the model and answers.
 *
 * Requests travel as their clients encoded them (arbiter.v1.InferRequest, or an OIP
 * ModelInferRequest marked with PAYLOAD_HEADER) and replies come back the same way, so the hot path
 * decodes a request once (to check and route it) and never re-encodes it or its reply.
 */

import {
  type Bus,
  type BusHeaders,
  type BusMessage,
  fromBinaryOrThrow,
  INFER_ANY_SUBJECT,
  MODEL_VERSION_HEADER,
  modelSubject,
  NoRespondersError,
  OIP_INFER_PAYLOAD,
  PAYLOAD_HEADER,
  type RequestContext,
  requestRpc,
} from "@arbiter/core";
import { type InferRequest, InferRequestSchema, type InferResponse, InferResponseSchema } from "@arbiter/proto";
import type { ModelInferRequest } from "@arbiter/proto/inference";
import { toBinary } from "@bufbuild/protobuf";

/** How long a resolved version is used before asking again (an alias promotion takes effect within it). */
export const VERSION_CACHE_MS = 2000;

interface Resolved {
  version: number;
  expires: number;
  /**
   * A request is asking again (through the any-node subject) now the entry is stale. The others
   * keep to the known version meanwhile: were every request in flight at expiry to ask, each would
   * cost a registry lookup on a scheduler, all at once.
   */
  refreshing: boolean;
}

const OIP_HEADERS: BusHeaders = Object.freeze({ [PAYLOAD_HEADER]: OIP_INFER_PAYLOAD }) as BusHeaders;

/** The cache key part of an OIP version string: "" (latest), a number, or an alias. */
function oipSelectorKey(version: string): string {
  if (version === "") return "";
  return /^\d+$/.test(version) ? `version\u0000${version}` : `alias\u0000${version}`;
}

/** The cache key part of an arbiter.v1 selector, equal to the OIP one for the same choice. */
function selectorKey(req: InferRequest): string {
  const sel = req.selector?.selector;
  return sel?.case === undefined ? "" : `${sel.case}\u0000${sel.value}`;
}

export class InferenceRouter {
  private readonly resolved = new Map<string, Resolved>();

  constructor(private readonly bus: Bus) {}

  /** Runs an arbiter.v1 request on a node that holds (or will load) the model. */
  async infer(req: InferRequest, ctx: RequestContext, signal?: AbortSignal): Promise<InferResponse> {
    const reply = await this.inferEncoded(req, toBinary(InferRequestSchema, req), ctx, signal);
    return fromBinaryOrThrow(InferResponseSchema, reply);
  }

  /** {@link infer} with the request already encoded (`data`); resolves with the encoded InferResponse. */
  async inferEncoded(
    req: InferRequest,
    data: Uint8Array,
    ctx: RequestContext,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    return (await this.route(req.model, selectorKey(req), data, undefined, ctx, signal)).data;
  }

  /** Runs an encoded OIP ModelInferRequest (`data`); resolves with the encoded ModelInferResponse. */
  async modelInferEncoded(
    req: ModelInferRequest,
    data: Uint8Array,
    ctx: RequestContext,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    return (await this.route(req.modelName, oipSelectorKey(req.modelVersion), data, OIP_HEADERS, ctx, signal)).data;
  }

  private async route(
    model: string,
    selector: string,
    data: Uint8Array,
    headers: BusHeaders | undefined,
    ctx: RequestContext,
    signal?: AbortSignal,
  ): Promise<BusMessage> {
    const key = `${ctx.tenant}\u0000${model}\u0000${selector}`;
    const known = this.resolved.get(key);
    const options = headers === undefined ? { signal } : { signal, headers };
    if (known !== undefined && (known.refreshing || known.expires > Date.now())) {
      try {
        return await requestRpc(this.bus, modelSubject(ctx.tenant, model, known.version), data, ctx, options);
      } catch (err) {
        // Nobody holds that version any more: let a scheduler load it again.
        if (!(err instanceof NoRespondersError)) throw err;
        if (this.resolved.get(key) === known) this.resolved.delete(key);
      }
    } else if (known !== undefined) {
      known.refreshing = true;
    }
    let reply: BusMessage;
    try {
      reply = await requestRpc(this.bus, INFER_ANY_SUBJECT, data, ctx, options);
    } catch (err) {
      // The next request asks again.
      if (known !== undefined) known.refreshing = false;
      throw err;
    }
    const version = Number(reply.headers[MODEL_VERSION_HEADER]);
    if (Number.isSafeInteger(version)) {
      this.resolved.set(key, { version, expires: Date.now() + VERSION_CACHE_MS, refreshing: false });
    }
    return reply;
  }
}
