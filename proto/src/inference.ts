/** The Open Inference Protocol (package `inference`) with Triton's extensions and model config. */
export * from "./gen/inference/grpc_service_pb.js";
export * from "./gen/inference/model_config_pb.js";
