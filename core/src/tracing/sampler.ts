/**
 * The sampler the standard variables name (`OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`), read
 * from the environment the caller passes. Arbiter's default is parent-based ratio sampling: a
 * request whose caller sent a sampled (or unsampled) `traceparent` keeps that decision, and a new
 * trace is sampled with probability `OTEL_TRACES_SAMPLER_ARG` (1 when unset).
 */
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace";
import { InvalidArgumentError } from "../errors.ts";

/** The samplers of the OpenTelemetry specification that Arbiter accepts. */
export const SAMPLER_NAMES = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

/** What Arbiter samples with when `OTEL_TRACES_SAMPLER` is not set. */
export const DEFAULT_SAMPLER = "parentbased_traceidratio";

/** The ratio of `OTEL_TRACES_SAMPLER_ARG`: a number from 0 to 1, 1 when unset. */
function ratioOf(arg: string | undefined): number {
  if (arg === undefined || arg.trim() === "") return 1;
  const ratio = Number(arg);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new InvalidArgumentError("OTEL_TRACES_SAMPLER_ARG", "a ratio from 0 to 1", JSON.stringify(arg));
  }
  return ratio;
}

/** Builds the sampler the environment names; an unknown name or a bad ratio fails naming the variable. */
export function samplerFromEnv(env: Record<string, string | undefined>): Sampler {
  const name = (env.OTEL_TRACES_SAMPLER ?? "").trim() || DEFAULT_SAMPLER;
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratioOf(env.OTEL_TRACES_SAMPLER_ARG));
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratioOf(env.OTEL_TRACES_SAMPLER_ARG)) });
    default:
      throw new InvalidArgumentError("OTEL_TRACES_SAMPLER", `one of ${SAMPLER_NAMES.join(", ")}`, JSON.stringify(name));
  }
}
