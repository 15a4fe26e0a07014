/**
 * Desired replicas: every node runs the same placement pass on each heartbeat. For each model
 * version whose configuration asks for `desired_replicas` nodes, it counts the live nodes that hold
 * it; when fewer do, the nodes that do not hold it rank themselves the same way (most free memory
 * first, then id) and only the first ones missing load it. One pass plans every model in turn,
 * counting the memory each choice takes from its node, so many missing models are spread over the
 * nodes rather than all sent to the one that was emptiest when the pass began. Every node sees the
 * same heartbeats, so they agree without a leader; a node that dies stops beating and its models
 * are placed elsewhere once they have been missing for a few heartbeats (see {@link Shortfalls}).
 * Replicas above the desired count (from on-demand loads) are left to the memory budget's eviction.
 */
import type { Database, Logger } from "@arbiter/core";
import type { NodeInfo } from "@arbiter/proto";
import type { ModelHost } from "./model-host.ts";

/** A model version that asks for replicas, and the memory one takes. */
export interface Wanted {
  tenant_id: string;
  name: string;
  version: number;
  replicas: number;
  /** What a replica counts against a node's budget (as the model host estimates it), in bytes. */
  memory_bytes: number;
}

/** How long the list of models that ask for replicas is reused when no change was announced. */
export const WANTED_REFRESH_MS = 30_000;

/**
 * The model versions that ask for replicas, read again only after the registry announces a change
 * (MODELS_CHANGED_SUBJECT) or {@link WANTED_REFRESH_MS} passes: placement runs every heartbeat, and
 * a query per second would cost the serving loop milliseconds each time for an answer that rarely changes.
 */
export class WantedModels {
  private rows: Wanted[] | undefined;
  private readAt = 0;

  constructor(private readonly db: Database) {}

  /** Forgets the list; the next pass reads it again. */
  invalidate(): void {
    this.rows = undefined;
  }

  async get(): Promise<Wanted[]> {
    if (this.rows !== undefined && Date.now() - this.readAt < WANTED_REFRESH_MS) return this.rows;
    this.readAt = Date.now();
    // Ordered, so that every node plans the models in the same order and reaches the same plan.
    const { rows } = await this.db.query<Wanted>(
      `SELECT tenant_id, name, version, (config->>'desiredReplicas')::int AS replicas,
              coalesce(nullif((config->>'memoryLimitBytes')::bigint, 0), size_bytes * 2)::float8 AS memory_bytes
       FROM models WHERE coalesce((config->>'desiredReplicas')::int, 0) > 0
       ORDER BY tenant_id, name, version`,
    );
    this.rows = rows;
    return rows;
  }
}

/** Free memory of a node as its heartbeat reports it, in bytes. */
const freeBytes = (node: NodeInfo) => Number(node.memoryBudgetBytes - node.memoryUsedBytes);

/**
 * Which of `candidates` (nodes not holding the model) should load it: most free memory first, then
 * id. `free` overrides the heartbeats' free memory (what earlier choices of the same pass left).
 */
export function chooseNodes(candidates: NodeInfo[], missing: number, free?: ReadonlyMap<string, number>): string[] {
  const freeOf = (n: NodeInfo) => free?.get(n.id) ?? freeBytes(n);
  return [...candidates]
    .filter((n) => n.accepting)
    .sort((a, b) => freeOf(b) - freeOf(a) || a.id.localeCompare(b.id))
    .slice(0, Math.max(0, missing))
    .map((n) => n.id);
}

/**
 * The cluster's placement plan: for each model version missing replicas, in order, the nodes that
 * should load it. Each choice takes the model's memory from its node's free memory before the next
 * model is planned. Every node computes the same plan from the same heartbeats.
 */
export function planPlacement(wanted: readonly Wanted[], nodes: NodeInfo[]): Map<Wanted, string[]> {
  const free = new Map(nodes.map((n) => [n.id, freeBytes(n)]));
  const plan = new Map<Wanted, string[]>();
  for (const want of wanted) {
    const holders = nodes.filter((n) =>
      n.models.some((m) => m.tenant === want.tenant_id && m.name === want.name && Number(m.version) === want.version),
    );
    const missing = want.replicas - holders.length;
    if (missing <= 0) continue;
    const chosen = chooseNodes(
      nodes.filter((n) => !holders.includes(n)),
      missing,
      free,
    );
    for (const id of chosen) free.set(id, (free.get(id) ?? 0) - want.memory_bytes);
    plan.set(want, chosen);
  }
  return plan;
}

/** Heartbeat intervals a model version must stay short of replicas before it is placed. */
export const SETTLE_INTERVALS = 3;

/**
 * When each model version was first seen short of replicas. Whenever NATS moves the heartbeat
 * bucket to another server (the one that held it died), no node's heartbeat is written for a few
 * seconds, every entry ages past the TTL, and once writes resume each node's next beat lands within
 * one interval of the others': until then a view of the cluster misses nodes that are alive, and
 * placing their models would push other models out. A shortfall that lasts a few intervals is a
 * node that is really gone.
 */
export class Shortfalls {
  private readonly since = new Map<string, number>();

  constructor(private readonly settleMs: number) {}

  /** Of the versions short now (`short`), those short for at least the settle time; forgets the rest. */
  settled(short: readonly Wanted[], now = Date.now()): Set<Wanted> {
    const keys = new Map(short.map((w) => [`${w.tenant_id}\u0000${w.name}\u0000${w.version}`, w]));
    for (const key of this.since.keys()) if (!keys.has(key)) this.since.delete(key);
    const out = new Set<Wanted>();
    for (const [key, want] of keys) {
      const first = this.since.get(key) ?? now;
      this.since.set(key, first);
      if (now - first >= this.settleMs) out.add(want);
    }
    return out;
  }
}

/** One placement pass for this node: loads what the cluster is missing and this node should hold. */
export async function placementPass(
  wanted: WantedModels,
  shortfalls: Shortfalls,
  host: ModelHost,
  nodes: NodeInfo[],
  nodeId: string,
  logger: Logger,
): Promise<void> {
  // Without this node's own heartbeat, the view is from a bucket that is not taking writes.
  if (!nodes.some((n) => n.id === nodeId)) return;
  const plan = planPlacement(await wanted.get(), nodes);
  const settled = shortfalls.settled([...plan.keys()]);
  for (const [want, chosen] of plan) {
    if (!chosen.includes(nodeId) || !settled.has(want)) continue;
    logger.info(
      {
        model: want.name,
        version: want.version,
        tenant: want.tenant_id,
        replicas: want.replicas,
      },
      "placing a replica",
    );
    await host
      .ensureLoaded({ tenant: want.tenant_id, name: want.name, version: want.version })
      .catch((err: unknown) => {
        logger.warn({ err, model: want.name, version: want.version }, "could not place a replica");
      });
  }
}
