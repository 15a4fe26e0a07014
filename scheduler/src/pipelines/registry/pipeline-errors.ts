/**
 * Errors of the pipeline registry. Both carry the gRPC code a client sees (NOT_FOUND,
 * INVALID_ARGUMENT) and are rebuilt as the same class when they come back over the bus.
 */
import { ArbiterError, type ArbiterErrorOptions, Code, registerErrorClass } from "@arbiter/core";
import type { PipelineProblem } from "@arbiter/proto";

/** A pipeline (or one version or alias of it) does not exist in the caller's tenant. */
export class PipelineNotFoundError extends ArbiterError {
  /**
   * @param version a version number, or an alias in double quotes; undefined for "any version".
   */
  constructor(
    readonly tenant: string,
    readonly pipelineName: string,
    readonly version: string | undefined,
    options?: ArbiterErrorOptions,
  ) {
    super(
      Code.NotFound,
      version === undefined
        ? `pipeline "${pipelineName}" not found`
        : `pipeline "${pipelineName}" version ${version} not found`,
      { tenant, pipelineName, version },
      options,
    );
  }
}

/** Problems listed in a message at most; the rest are counted. */
export const MAX_PROBLEMS_IN_MESSAGE = 20;

/** Where a problem is: `node "n" field "f"`, or `field "f"` for the pipeline itself. */
export function problemText(problem: PipelineProblem): string {
  const where = [
    problem.node === "" ? "" : `node "${problem.node}"`,
    problem.field === "" ? "" : `field "${problem.field}"`,
  ]
    .filter(Boolean)
    .join(" ");
  return where === "" ? problem.message : `${where}: ${problem.message}`;
}

/**
 * A pipeline definition failed the registration checks. The message lists every problem (up to
 * {@link MAX_PROBLEMS_IN_MESSAGE}), each naming the node and field:
 * `pipeline "risk" is invalid (2 problems): node "score" field "model.model": model "m" not found; ...`.
 */
export class PipelineInvalidError extends ArbiterError {
  constructor(
    readonly pipelineName: string,
    problems: readonly PipelineProblem[],
    options?: ArbiterErrorOptions,
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).map(problemText);
    const more = problems.length - shown.length;
    super(
      Code.InvalidArgument,
      `pipeline "${pipelineName}" is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
      { pipelineName, problemCount: problems.length },
      options,
    );
  }
}

registerErrorClass(PipelineNotFoundError);
registerErrorClass(PipelineInvalidError);
