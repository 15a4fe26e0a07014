import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRootLogger, InvalidArgumentError, type Principal, tenantLimitTable } from "@arbiter/core";
import { InferenceService, TaskService } from "@arbiter/proto";
import { Health } from "@arbiter/proto/grpc";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { authInterceptor } from "../interceptors/auth.ts";
import { errorInterceptor } from "../interceptors/errors.ts";
import { HealthState, ServingStatus } from "../services/health.ts";
import { tenantLimitInterceptor } from "./limit-interceptor.ts";
import { TenantLimiter } from "./tenant-limiter.ts";

/** Callers name their tenant in `x-test-tenant` (the authenticator under test only needs a tenant). */
const headerAuthenticator = {
  authenticate: async (headers: { get(name: string): string | null }): Promise<Principal> => ({
    id: "caller",
    tenant: headers.get("x-test-tenant") ?? "default",
    role: "admin",
    method: "api_key",
  }),
};

/** Waits (up to 2 s) for `condition`: a cancelled stream is released when the server sees the abort. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), "condition not reached within 2 s");
}

/**
 * An in-process server with the gateway's interceptor order (errors, authentication, tenant limits):
 * Infer fails with INVALID_ARGUMENT when asked for model "bad", else answers; WatchTask sends
 * updates until the client goes away, or two for task "short".
 */
function serve(settings: Partial<Parameters<typeof tenantLimitTable>[0]>) {
  const limiter = new TenantLimiter(
    tenantLimitTable({
      tenantRequestsPerSecond: 0,
      tenantBurst: 0,
      tenantConcurrency: 0,
      tenantOverrides: {},
      ...settings,
    }),
  );
  const health = new HealthState([]);
  health.set("", ServingStatus.SERVING);
  const transport = createRouterTransport(
    (router) => {
      router.service(InferenceService, {
        async infer(req) {
          if (req.model === "bad") throw new InvalidArgumentError("model", "a good model", '"bad"');
          return { model: req.model };
        },
      });
      router.service(TaskService, {
        async *watchTask(req, ctx) {
          for (let i = 0; req.id !== "short" || i < 2; i++) {
            yield {};
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (ctx.signal.aborted) return;
          }
        },
      });
      router.service(Health, health.service());
    },
    {
      router: {
        interceptors: [
          errorInterceptor(createRootLogger({ level: "silent" })),
          authInterceptor(headerAuthenticator),
          tenantLimitInterceptor(limiter, { defaultTimeoutMs: 30_000, maxTimeoutMs: 300_000 }),
        ],
      },
    },
  );
  return {
    limiter,
    inference: createClient(InferenceService, transport),
    tasks: createClient(TaskService, transport),
    health: createClient(Health, transport),
  };
}

async function refused(call: Promise<unknown>): Promise<ConnectError> {
  const err = await call.then(
    () => assert.fail("expected RESOURCE_EXHAUSTED"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ConnectError);
  assert.equal(err.code, Code.ResourceExhausted, err.message);
  return err;
}

describe("tenant limit interceptor", () => {
  it("refuses a call over the rate with the limit, the tenant, the value and retry-after", async () => {
    const { inference } = serve({ tenantRequestsPerSecond: 1, tenantBurst: 1 });
    await inference.infer({ model: "m" });
    const err = await refused(inference.infer({ model: "m" }));
    assert.equal(err.rawMessage, 'tenant "default": rate limit 1 requests/s exceeded');
    assert.equal(err.metadata.get("retry-after"), "1");
  });

  it("keeps another tenant's calls going while one tenant is over its limits", async () => {
    const { inference } = serve({ tenantRequestsPerSecond: 1, tenantBurst: 1, tenantOverrides: { b: "rps=1000" } });
    const as = (tenant: string) => ({ headers: { "x-test-tenant": tenant } });
    await inference.infer({ model: "m" }, as("a"));
    await refused(inference.infer({ model: "m" }, as("a")));
    for (let i = 0; i < 20; i++) assert.equal((await inference.infer({ model: "m" }, as("b"))).model, "m");
  });

  it("frees the slot of a call that fails", async () => {
    const { inference, limiter } = serve({ tenantConcurrency: 1 });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(inference.infer({ model: "bad" }), (e: unknown) => {
        assert.equal((e as ConnectError).code, Code.InvalidArgument, "failed for itself, not for a held slot");
        return true;
      });
    }
    assert.equal(limiter.inFlight("default"), 0);
  });

  it("counts an open stream against the concurrency quota until the client cancels it", async () => {
    const { inference, tasks, limiter } = serve({ tenantConcurrency: 1 });
    const abort = new AbortController();
    const stream = tasks.watchTask({ id: "t" }, { signal: abort.signal })[Symbol.asyncIterator]();
    await stream.next(); // open: its slot is taken
    const err = await refused(inference.infer({ model: "m" }));
    assert.equal(err.rawMessage, 'tenant "default": concurrency limit 1 calls in flight exceeded');
    assert.equal(err.metadata.get("retry-after"), "1");
    abort.abort();
    await stream.next().catch(() => {});
    await eventually(() => limiter.inFlight("default") === 0);
    assert.equal((await inference.infer({ model: "m" })).model, "m");
  });

  it("frees a stream's slot when it ends, and counts the stream once however many messages it sends", async () => {
    const { tasks, limiter } = serve({ tenantConcurrency: 1, tenantRequestsPerSecond: 1, tenantBurst: 2 });
    let messages = 0;
    for await (const _ of tasks.watchTask({ id: "short" })) messages++;
    assert.equal(messages, 2);
    assert.equal(limiter.inFlight("default"), 0);
    for await (const _ of tasks.watchTask({ id: "short" })) messages++;
    await refused((async () => tasks.watchTask({ id: "short" })[Symbol.asyncIterator]().next())());
  });

  it("never limits health", async () => {
    const { health, inference } = serve({ tenantRequestsPerSecond: 1, tenantBurst: 1, tenantConcurrency: 1 });
    await inference.infer({ model: "m" });
    await refused(inference.infer({ model: "m" }));
    for (let i = 0; i < 10; i++) assert.equal((await health.check({ service: "" })).status, ServingStatus.SERVING);
  });
});
