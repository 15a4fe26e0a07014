/**
 * The rules node: the decision step. An ordered list of CEL rules over the node's variables (its
 * inputs, `outputs` of every upstream node, `attributes`; see cel.ts) turns into a decision:
 *
 * - FIRST_MATCH: rules are tried in order; the first whose `when` holds decides the label and is
 *   the only rule reported as fired. The score is its weight.
 * - SCORE_WEIGHTED: every rule is evaluated; each one that holds adds its weight to its label's
 *   score and is reported as fired. The label with the highest score wins; on a tie, the label of
 *   the earliest fired rule among the tied ones. The score is the winner's total.
 *
 * When no rule fires the label is `default_label` and the score 0. An optional `score` expression
 * replaces the score; it sees the node's variables plus `label` (the decided label) and `scores`
 * (map of label to summed weight of fired rules). A fired rule's `report` expressions are evaluated
 * and reported with it.
 *
 * Outputs: `label` (string), `score` (number), `fired_rules` (list of `{name, label, weight,
 * reason, values}`) and `scores` (object label to summed weight). {@link readDecision} reads them back.
 */
import { InvalidArgumentError } from "@arbiter/core";
import { RulesMode, type RulesNode } from "@arbiter/proto";
import { type CelProgram, CelScope, compileCel } from "./cel.ts";
import type { NodeCall, NodeKindRunner, NodePorts, NodeResult, NodeValue, NodeValues } from "./node-kind.ts";

/** Names of a rules node's outputs. */
export const RULES_OUTPUTS = Object.freeze({
  label: "label",
  score: "score",
  firedRules: "fired_rules",
  scores: "scores",
} as const);

const OUTPUT_NAMES: readonly string[] = Object.freeze(Object.values(RULES_OUTPUTS));

/** A rule that fired, as carried in the `fired_rules` output. */
export interface FiredRuleValue {
  readonly name: string;
  readonly label: string;
  readonly weight: number;
  readonly reason: string;
  /** Values of the rule's report expressions, by name. */
  readonly values: NodeValues;
}

/** A decision read back from a rules node's outputs. */
export interface RulesDecision {
  readonly label: string;
  readonly score: number;
  readonly firedRules: readonly FiredRuleValue[];
}

interface PreparedRule {
  readonly name: string;
  readonly label: string;
  readonly weight: number;
  readonly reason: string;
  readonly when: CelProgram;
  readonly report: readonly { readonly name: string; readonly program: CelProgram }[];
}

/** A rules node compiled at prepare time. */
export interface PreparedRules {
  readonly firstMatch: boolean;
  readonly rules: readonly PreparedRule[];
  readonly defaultLabel: string;
  readonly score: CelProgram | undefined;
}

/**
 * Creates the rules runner. `prepare` throws InvalidArgumentError naming the node and field
 * (`rules[high_risk].when`, `score`, `mode`) for an invalid configuration; `run` throws
 * InvalidArgumentError naming the node and field when an expression fails or a condition is not a bool.
 */
export function createRulesRunner(): NodeKindRunner<RulesNode, PreparedRules> {
  return {
    acceptsPartialInputs: true,
    prepare: prepareRules,
    async run(prepared, call) {
      return runRules(prepared, call);
    },
    describe(): NodePorts {
      return { outputs: OUTPUT_NAMES };
    },
  };
}

function prepareRules(node: string, config: RulesNode): PreparedRules {
  const field = (f: string) => `node "${node}" field "${f}"`;
  if (config.mode !== RulesMode.FIRST_MATCH && config.mode !== RulesMode.SCORE_WEIGHTED) {
    throw new InvalidArgumentError(field("mode"), "FIRST_MATCH or SCORE_WEIGHTED", `mode ${config.mode}`);
  }
  if (config.rules.length === 0) throw new InvalidArgumentError(field("rules"), "at least one rule", "none");
  const seen = new Set<string>();
  const rules = config.rules.map((rule): PreparedRule => {
    const at = `rules[${rule.name}]`;
    if (seen.has(rule.name)) throw new InvalidArgumentError(field(at), "a unique rule name", "a duplicate");
    seen.add(rule.name);
    if (rule.label === "") throw new InvalidArgumentError(field(`${at}.label`), "a label", "an empty string");
    return {
      name: rule.name,
      label: rule.label,
      weight: rule.weight,
      reason: rule.reason,
      when: compileCel(rule.when, { node, field: `${at}.when` }),
      report: rule.report.map((r) => ({
        name: r.name,
        program: compileCel(r.expression, { node, field: `${at}.report[${r.name}]` }),
      })),
    };
  });
  return {
    firstMatch: config.mode === RulesMode.FIRST_MATCH,
    rules,
    defaultLabel: config.defaultLabel,
    score: config.score === "" ? undefined : compileCel(config.score, { node, field: "score" }),
  };
}

function runRules(prepared: PreparedRules, call: NodeCall): NodeResult {
  const scope = new CelScope(call);
  const fired: NodeValue[] = [];
  const scores: Record<string, number> = {};
  const firedLabels: string[] = [];
  for (const rule of prepared.rules) {
    if (!rule.when.evaluateBool(scope)) continue;
    const values: NodeValues = {};
    for (const r of rule.report) values[r.name] = r.program.evaluateValue(scope);
    fired.push({ name: rule.name, label: rule.label, weight: rule.weight, reason: rule.reason, values });
    firedLabels.push(rule.label);
    scores[rule.label] = (scores[rule.label] ?? 0) + rule.weight;
    if (prepared.firstMatch) break;
  }
  let label = prepared.defaultLabel;
  let score = 0;
  // Fired labels in rule order; "strictly greater" keeps the earliest fired label on a tie.
  for (let i = 0; i < firedLabels.length; i++) {
    const l = firedLabels[i] as string;
    const total = scores[l] as number;
    if (i === 0 || total > score) {
      label = l;
      score = total;
    }
  }
  if (prepared.score !== undefined) {
    scope.define("label", label);
    scope.define("scores", scores);
    score = prepared.score.evaluateNumber(scope);
  }
  return {
    outputs: {
      [RULES_OUTPUTS.label]: label,
      [RULES_OUTPUTS.score]: score,
      [RULES_OUTPUTS.firedRules]: fired,
      [RULES_OUTPUTS.scores]: scores,
    },
  };
}

/** Reads the decision a rules node produced; undefined when `outputs` are not a rules node's. */
export function readDecision(outputs: NodeValues | undefined): RulesDecision | undefined {
  if (outputs === undefined) return undefined;
  const label = outputs[RULES_OUTPUTS.label];
  const score = outputs[RULES_OUTPUTS.score];
  const fired = outputs[RULES_OUTPUTS.firedRules];
  if (typeof label !== "string" || typeof score !== "number" || !Array.isArray(fired)) return undefined;
  return { label, score, firedRules: fired as unknown as FiredRuleValue[] };
}
