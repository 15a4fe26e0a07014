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
