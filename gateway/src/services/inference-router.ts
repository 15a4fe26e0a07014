/**
 * Routes inference requests to the nodes that hold the model. The gateway remembers, for a few
 * seconds, which version a (model, version-or-alias) selector resolved to; with it, a request goes
 * straight to that version's subject, served by the queue group of the nodes that have it loaded.
 * Without it — first use, an alias moved, the model was evicted everywhere ("no responders") — the
 * request goes to any scheduler, which resolves the version, loads the model and answers.
 */

import {
  type Bus,
  fromBinaryOrThrow,
  INFER_ANY_SUBJECT,
  MODEL_VERSION_HEADER,
  modelSubject,
  NoRespondersError,
  type RequestContext,
  requestRpc,
} from "@arbiter/core";
import { type InferRequest, InferRequestSchema, type InferResponse, InferResponseSchema } from "@arbiter/proto";
import { toBinary } from "@bufbuild/protobuf";

/** How long a resolved version is used before asking again (an alias promotion takes effect within it). */
export const VERSION_CACHE_MS = 2000;

interface Resolved {
  version: number;
  expires: number;
}

export class InferenceRouter {
  private readonly resolved = new Map<string, Resolved>();

  constructor(private readonly bus: Bus) {}

  private cacheKey(tenant: string, req: InferRequest): string {
    const sel = req.selector?.selector;
    return `${tenant}\u0000${req.model}\u0000${sel?.case ?? ""}\u0000${sel?.value ?? ""}`;
  }

  /** Runs `req` on a node that holds (or will load) the model. */
  async infer(req: InferRequest, ctx: RequestContext, signal: AbortSignal): Promise<InferResponse> {
    const data = toBinary(InferRequestSchema, req);
    const key = this.cacheKey(ctx.tenant, req);
    const known = this.resolved.get(key);
    if (known && known.expires > Date.now()) {
      try {
        const reply = await requestRpc(this.bus, modelSubject(ctx.tenant, req.model, known.version), data, ctx, {
          signal,
        });
        return fromBinaryOrThrow(InferResponseSchema, reply.data);
      } catch (err) {
        // Nobody holds that version any more: let a scheduler load it again.
        if (!(err instanceof NoRespondersError)) throw err;
        this.resolved.delete(key);
      }
    }
    const reply = await requestRpc(this.bus, INFER_ANY_SUBJECT, data, ctx, { signal });
    const version = Number(reply.headers[MODEL_VERSION_HEADER]);
    if (Number.isSafeInteger(version)) this.resolved.set(key, { version, expires: Date.now() + VERSION_CACHE_MS });
    return fromBinaryOrThrow(InferResponseSchema, reply.data);
  }
}
