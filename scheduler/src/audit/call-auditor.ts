/**
 * Which calls the audit log records, and the row each makes: every arbiter.v1 method that changes
 * something (not `idempotency_level = NO_SIDE_EFFECTS`), except the data plane (inference and
 * decisions: too many, and no change of configuration) and signing in. RegisterModel reaches the schedulers as
 * upload steps (the gateway receives the client's stream), so it is recorded at its last one: the
 * commit, or the begin when that fails (the call ends there).
 */
import { ArbiterError, codeName, decodeRequest, rpcSubject, UPLOAD_SUBJECTS } from "@arbiter/core";
import * as api from "@arbiter/proto";
import { BeginUploadResponseSchema, BeginUploadSchema, CommitUploadSchema } from "@arbiter/proto/internal";
import { type DescMessage, type DescService, fromBinary } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { CallObserver } from "../rpc-router.ts";
import { auditObject } from "./audit-object.ts";
import type { AuditStore } from "./audit-store.ts";

/**
 * Not recorded, whatever their idempotency level: the data plane, and signing in (a failed one is
 * an authentication failure, which the gateway reports; the caller of a login is nobody yet, so
 * the row would land in no tenant of its own).
 */
const NOT_AUDITED: ReadonlySet<string> = new Set([
  "arbiter.v1.DecisionService/Decide",
  "arbiter.v1.DecisionService/DecideStream",
  "arbiter.v1.AuthService/Login",
  "arbiter.v1.AuthService/Refresh",
]);
const DATA_PLANE_SERVICES: ReadonlySet<string> = new Set(["arbiter.v1.InferenceService"]);

/** How the calls of one bus subject are recorded. */
interface AuditedSubject {
  /** "<service type name>/<method>" */
  readonly action: string;
  /** The method's name, which tells the kind of object its `name` or `id` names. */
  readonly method: string;
  readonly input: DescMessage;
  readonly output: DescMessage;
  /** Recorded only when the call fails here (a later step records it otherwise). */
  readonly failuresOnly: boolean;
}

/** The audited subjects of the arbiter.v1 services, and of RegisterModel's upload steps. */
export function auditedSubjects(): ReadonlyMap<string, AuditedSubject> {
  const subjects = new Map<string, AuditedSubject>();
  const services = (Object.values(api) as unknown[]).filter(
    (value): value is DescService => (value as { kind?: unknown } | null)?.kind === "service",
  );
  for (const service of services) {
    if (DATA_PLANE_SERVICES.has(service.typeName)) continue;
    for (const method of service.methods) {
      const action = `${service.typeName}/${method.name}`;
      if (method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS || NOT_AUDITED.has(action)) continue;
      subjects.set(rpcSubject(service.typeName, method.name), {
        action,
        method: method.name,
        input: method.input,
        output: method.output,
        failuresOnly: false,
      });
    }
  }
  const register = api.ModelRegistryService.method.registerModel;
  const registerAction = `${api.ModelRegistryService.typeName}/${register.name}`;
  subjects.set(UPLOAD_SUBJECTS.begin, {
    action: registerAction,
    method: register.name,
    input: BeginUploadSchema,
    output: BeginUploadResponseSchema,
    failuresOnly: true,
  });
  subjects.set(UPLOAD_SUBJECTS.commit, {
    action: registerAction,
    method: register.name,
    input: CommitUploadSchema,
    output: register.output,
    failuresOnly: false,
  });
  return subjects;
}

/** The trace id in a W3C traceparent ("00-<trace id>-<span id>-<flags>"); "" without one. */
export function traceIdOf(traceparent: string | undefined): string {
  const id = traceparent?.split("-")[1];
  return id !== undefined && /^[0-9a-f]{32}$/.test(id) ? id : "";
}

/** The gRPC code name of a call's outcome. */
function outcomeOf(result: { reply: Uint8Array } | { error: unknown }): string {
  if ("reply" in result) return "OK";
  return result.error instanceof ArbiterError ? codeName(result.error.code) : "INTERNAL";
}

/** A message decoded for naming the object only: bytes that do not decode name nothing. */
function decoded(schema: DescMessage, data: Uint8Array, request: boolean): object | undefined {
  try {
    // A request was decoded by its handler already: decodeRequest returns that message again.
    return request ? decodeRequest(schema, data) : fromBinary(schema, data);
  } catch {
    return undefined;
  }
}

/** The scheduler's {@link CallObserver} that writes each audited call to `store`. */
export function callAuditor(store: AuditStore): CallObserver {
  const audited = auditedSubjects();
  return {
    subjects: new Set(audited.keys()),
    completed(subject, data, ctx, result) {
      const how = audited.get(subject);
      if (how === undefined || (how.failuresOnly && "reply" in result)) return;
      const request = decoded(how.input, data, true);
      const response = "reply" in result ? decoded(how.output, result.reply, false) : undefined;
      store.record({
        tenant: ctx.tenant,
        principalId: ctx.principal.id,
        action: how.action,
        object: auditObject(how.method, request, response),
        outcome: outcomeOf(result),
        peerAddress: ctx.peer ?? "",
        traceId: traceIdOf(ctx.traceparent),
      });
    },
  };
}
