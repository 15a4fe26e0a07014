/**
 * The arbiter.v1 API: generated messages and service descriptors. The Open Inference Protocol,
 * gRPC health/reflection and the internal bus messages have their own entry points
 * (`@arbiter/proto/inference`, `@arbiter/proto/grpc`, `@arbiter/proto/internal`).
 */
export * from "./gen/arbiter/v1/audit_pb.js";
export * from "./gen/arbiter/v1/auth_pb.js";
export * from "./gen/arbiter/v1/cluster_pb.js";
export * from "./gen/arbiter/v1/common_pb.js";
export * from "./gen/arbiter/v1/decisions_pb.js";
export * from "./gen/arbiter/v1/inference_pb.js";
export * from "./gen/arbiter/v1/models_pb.js";
export * from "./gen/arbiter/v1/options_pb.js";
export * from "./gen/arbiter/v1/pipelines_pb.js";
export * from "./gen/arbiter/v1/streams_pb.js";
export * from "./gen/arbiter/v1/tasks_pb.js";
export * from "./gen/arbiter/v1/tenants_pb.js";
export * from "./gen/arbiter/v1/vectors_pb.js";
