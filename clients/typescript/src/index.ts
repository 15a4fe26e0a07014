/**
 * The TypeScript client of Arbiter. `createArbiterClient` connects to a gateway; the generated
 * messages and service descriptors of arbiter.v1 are exported as they are, and the Open Inference
 * Protocol's under `oip` (its names overlap arbiter.v1's). Generated code lives in src/gen.
 */
export * from "./connect.js";
export * from "./credentials.js";
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
export * as oip from "./gen/inference/grpc_service_pb.js";
export * as oipModelConfig from "./gen/inference/model_config_pb.js";
export * from "./retry.js";
export * from "./tensors.js";
