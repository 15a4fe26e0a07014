/**
 * The transform node: computes outputs from inputs with CEL assignments evaluated in order, each
 * seeing the node's variables (see cel.ts) plus the assignments before it by name. Every
 * assignment is an output of the node, named after it.
 */
import { InvalidArgumentError } from "@arbiter/core";
import type { TransformNode } from "@arbiter/proto";
import type { CelInput } from "@bufbuild/cel";
import { type CelProgram, CelScope, compileCel } from "./cel.ts";
import type { NodeCall, NodeKindRunner, NodePorts, NodeResult, NodeValues } from "./node-kind.ts";

/** A transform compiled at prepare time. */
export interface PreparedTransform {
  readonly assignments: readonly { readonly name: string; readonly program: CelProgram }[];
}

/**
 * Creates the transform runner. `prepare` throws InvalidArgumentError naming the node and field
 * (`assignments[z]`) for an invalid expression or a duplicated name; `run` throws
 * InvalidArgumentError naming the node and the assignment when an expression fails on the inputs.
 */
export function createTransformRunner(): NodeKindRunner<TransformNode, PreparedTransform> {
  return {
    acceptsPartialInputs: true,
    prepare(node, config) {
      if (config.assignments.length === 0) {
        throw new InvalidArgumentError(`node "${node}" field "assignments"`, "at least one assignment", "none");
      }
      const seen = new Set<string>();
      const assignments = config.assignments.map((a) => {
        if (seen.has(a.name)) {
          throw new InvalidArgumentError(
            `node "${node}" field "assignments[${a.name}]"`,
            "a unique name",
            "a duplicate",
          );
        }
        seen.add(a.name);
        return { name: a.name, program: compileCel(a.expression, { node, field: `assignments[${a.name}]` }) };
      });
      return { assignments };
    },
    async run(prepared, call) {
      return runTransform(prepared, call);
    },
    describe(config): NodePorts {
      return { outputs: config.assignments.map((a) => a.name) };
    },
  };
}

function runTransform(prepared: PreparedTransform, call: NodeCall): NodeResult {
  const scope = new CelScope(call);
  const outputs: NodeValues = {};
  for (const { name, program } of prepared.assignments) {
    const value = program.evaluate(scope);
    scope.define(name, value as CelInput);
    outputs[name] = program.toValue(value);
  }
  return { outputs };
}
