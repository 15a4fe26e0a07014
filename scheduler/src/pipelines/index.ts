/**
 * The pipeline engine's in-process core: registration checks, execution plans, the executor, the
 * CEL layer and the transform and rules node kinds, plus the contract node kinds implement.
 * Plugin and remote node kinds live in `plugins/` and `remote/`.
 */
export {
  type CelLocation,
  CelProgram,
  CelScope,
  type CelScopeSource,
  checkCel,
  compileCel,
  describeCel,
  fromCelValue,
  RESERVED_VARIABLES,
  toCelValue,
} from "./cel.ts";
export {
  type CompiledPipeline,
  type CompileOptions,
  compilePipeline,
  type InputBinding,
  type NodeConfig,
  type NodeKindName,
  type NodeKinds,
  type OutputBinding,
  type PlannedNode,
} from "./compiled-pipeline.ts";
export {
  type ExecuteRequest,
  executePipeline,
  type ModelUseRecord,
  type NodeStatus,
  type NodeTraceRecord,
  type PipelineRunResult,
} from "./executor.ts";
export * from "./node-kind.ts";
export { buildGraph, type PipelineGraph, type Problem } from "./pipeline-graph.ts";
export { checkInputs, type DeclaredInput, describeValue, parseValueType, type ValueType } from "./pipeline-inputs.ts";
export {
  fromPipelineValue,
  fromProtoValue,
  tensorFromProto,
  tensorFromRaw,
  tensorToProto,
  tensorToRaw,
  toJsonValue,
  toPipelineValue,
  toProtoValue,
} from "./pipeline-value.ts";
export {
  createRulesRunner,
  type FiredRuleValue,
  type PreparedRules,
  RULES_OUTPUTS,
  type RulesDecision,
  readDecision,
} from "./rules.ts";
export { createTransformRunner, type PreparedTransform } from "./transform.ts";
export { type PipelineResolver, type ValidateOptions, validatePipeline } from "./validate-pipeline.ts";
