/**
 * The example transaction-risk decision (examples/pipelines/transaction-risk.json over the
 * risk-classifier model) for tests of durable work: registering it on a mesh, and the inputs of
 * event or item number `i` (one of the expected example rows and an amount, so the rules pick
 * different labels).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DecisionService,
  ModelRegistryService,
  PipelineSchema,
  PipelineService,
  type PipelineValue,
  PipelineValueSchema,
  RegisterModelRequestSchema,
} from "@arbiter/proto";
import { create, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { createClient, type Transport } from "@connectrpc/connect";
import { EXPECTED, exampleModel } from "./examples.ts";

const PIPELINE_FILE = fileURLToPath(new URL("../../examples/pipelines/transaction-risk.json", import.meta.url));
export const TRANSACTION_RISK = "transaction-risk";

const ROWS = (EXPECTED["risk-classifier"]?.inputs.features?.data ?? []) as number[][];
const AMOUNTS = [120, 9000, 35, 2400, 6100];

/** The inputs of transaction number `i`, as JSON. */
export function transactionJson(i: number): { features: number[]; amount: number } {
  return { features: ROWS[i % ROWS.length] ?? [], amount: AMOUNTS[i % AMOUNTS.length] ?? 0 };
}

/** The inputs of transaction number `i`, as DecideRequest.inputs. */
export function transactionInputs(i: number): Record<string, PipelineValue> {
  return Object.fromEntries(
    Object.entries(transactionJson(i)).map(([name, v]) => [
      name,
      create(PipelineValueSchema, { kind: { case: "value", value: fromJson(ValueSchema, v as JsonValue) } }),
    ]),
  );
}

/** An event of transaction `i` as a stream binding reads it (JSON of DecideRequest). */
export function transactionEvent(i: number, extra: Record<string, unknown> = {}): Uint8Array {
  const inputs = Object.fromEntries(Object.entries(transactionJson(i)).map(([name, v]) => [name, { value: v }]));
  return new TextEncoder().encode(JSON.stringify({ inputs, ...extra }));
}

/** Registers risk-classifier version 1 and the transaction-risk pipeline through the gateway. */
export async function registerTransactionRisk(transport: Transport): Promise<void> {
  await createClient(ModelRegistryService, transport).registerModel(
    (async function* () {
      yield create(RegisterModelRequestSchema, {
        part: { case: "metadata", value: { name: "risk-classifier", version: 1n } },
      });
      yield create(RegisterModelRequestSchema, { part: { case: "chunk", value: exampleModel("risk-classifier") } });
    })(),
  );
  const pipeline = JSON.parse(readFileSync(PIPELINE_FILE, "utf8")) as JsonValue;
  await createClient(PipelineService, transport).createPipeline({ pipeline: fromJson(PipelineSchema, pipeline) });
}

/** The label Decide gives transaction `i`. */
export async function decidedLabel(transport: Transport, i: number): Promise<string> {
  const { decision } = await createClient(DecisionService, transport).decide({
    pipeline: TRANSACTION_RISK,
    inputs: transactionInputs(i),
  });
  return decision?.label ?? "";
}
