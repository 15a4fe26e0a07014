/**
 * Subjects of the internal RPCs that have no arbiter.v1 method of their own. Public methods use
 * {@link rpcSubject} (`arbiter.rpc.<service>.<method>`); these live under the same prefix so the
 * schedulers' one subscription serves them too.
 */
export const UPLOAD_SUBJECTS = Object.freeze({
  /** BeginUpload → BeginUploadResponse */
  begin: "arbiter.rpc.internal.upload.begin",
  /** UploadChunk → UploadChunkResponse */
  chunk: "arbiter.rpc.internal.upload.chunk",
  /** CommitUpload → arbiter.v1.RegisterModelResponse */
  commit: "arbiter.rpc.internal.upload.commit",
  /** AbortUpload → AbortUploadResponse */
  abort: "arbiter.rpc.internal.upload.abort",
});

/** Key-value bucket where every scheduler node publishes its heartbeat (arbiter.v1.NodeInfo). */
export const NODES_BUCKET = "arbiter-nodes";

/** Largest piece of a model artifact sent in one bus message and stored in one row. */
export const ARTIFACT_CHUNK_BYTES = 512 * 1024;

/** Queue group of the nodes that hold one model version loaded. */
export const MODEL_QUEUE = "arbiter-models";

/**
 * Inference requests for a model no node holds yet: any scheduler takes it, loads the model, and
 * answers; its reply names the version it resolved in {@link MODEL_VERSION_HEADER}.
 */
export const INFER_ANY_SUBJECT = "arbiter.rpc.internal.infer";

/** Reply header: the model version that served an inference. */
export const MODEL_VERSION_HEADER = "arbiter-model-version";

/**
 * Request header naming the payload's message type on an inference subject, when it is not
 * arbiter.v1.InferRequest. The gateway forwards an Open Inference Protocol ModelInferRequest as the
 * client sent it ({@link OIP_INFER_PAYLOAD}) and the scheduler answers with a ModelInferResponse,
 * which goes back to the client as it is: no translation, no second encoding on the gateway.
 */
export const PAYLOAD_HEADER = "arbiter-payload";

/** {@link PAYLOAD_HEADER} value of an OIP `inference.ModelInferRequest`. */
export const OIP_INFER_PAYLOAD = "inference.ModelInferRequest";

/** Escapes a name for use as one subject token (NATS tokens exclude ".", "*", ">" and spaces). */
export function subjectToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Subject served by the nodes that hold `name` version `version` of `tenant` loaded. */
export function modelSubject(tenant: string, name: string, version: number | bigint): string {
  return `arbiter.infer.${subjectToken(tenant)}.${subjectToken(name)}.${version}`;
}

/** Broadcast to every scheduler: unload the model version named in the message (arbiter.v1.UnloadModelRequest with a version). */
export const UNLOAD_BROADCAST_SUBJECT = "arbiter.control.unload";

/**
 * Broadcast after a pipeline version is added or deleted or an alias moves; the payload is JSON
 * `{"tenant": ..., "name": ...}`. Every scheduler forgets what it resolved for that pipeline.
 */
export const PIPELINES_CHANGED_SUBJECT = "arbiter.control.pipelines-changed";

/** Broadcast (no payload) after a model version is added or deleted or its configuration changes. */
export const MODELS_CHANGED_SUBJECT = "arbiter.control.models-changed";

/**
 * Broadcast after a write to a vector collection commits (JSON: tenant, collection, uid,
 * generation, dropped, origin node): every scheduler holding an index of it catches up from the
 * database, or drops it.
 */
export const VECTORS_CHANGED_SUBJECT = "arbiter.control.vectors-changed";

/**
 * A task's events (WatchTask's source): GetTaskRequest, with the last sequence already seen in
 * {@link AFTER_SEQ_HEADER} → ListTasksResponse holding the task's snapshots after it, oldest first,
 * and the sequence of the last one in next_page_token (empty when there was none).
 */
export const TASK_EVENTS_SUBJECT = "arbiter.rpc.internal.tasks.events";

/** Request header of {@link TASK_EVENTS_SUBJECT}: the last event sequence the caller has. */
export const AFTER_SEQ_HEADER = "arbiter-after-seq";

/**
 * A piece of the items of a SubmitTask too large for one bus message: SubmitTaskRequest with the
 * target and some items, {@link STAGING_ID_HEADER} and {@link STAGED_OFFSET_HEADER} (the index of
 * its first item) → empty reply once stored. The submit then goes out without items, naming the
 * staging id and {@link STAGED_ITEMS_HEADER}.
 */
export const TASK_STAGE_SUBJECT = "arbiter.rpc.internal.tasks.stage";
/** Header: the id (a UUID) the pieces of one staged submit share. */
export const STAGING_ID_HEADER = "arbiter-staging-id";
/** Header of a piece: the index of its first item. */
export const STAGED_OFFSET_HEADER = "arbiter-staged-offset";
/** Header of the submit of staged items: how many items were staged. */
export const STAGED_ITEMS_HEADER = "arbiter-staged-items";
