/**
 * Desired replicas: every node runs the same placement pass on each heartbeat. For each model
 * version whose configuration asks for `desired_replicas` nodes, it counts the live nodes that hold
 * it; when fewer do, the nodes that do not hold it rank themselves the same way (most free memory
 * first, then id) and only the first ones missing load it. Every node sees the same heartbeats, so
 * they agree without a leader; a node that dies stops beating and its models are placed elsewhere
 * on the next pass. Replicas above the desired count (from on-demand loads) are left to the memory
 * budget's eviction.
 */
import type { Database, Logger } from "@arbiter/core";
import type { NodeInfo } from "@arbiter/proto";
import type { ModelHost } from "./model-host.ts";

interface Wanted {
  tenant_id: string;
  name: string;
  version: number;
  replicas: number;
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
    const { rows } = await this.db.query<Wanted>(
      `SELECT tenant_id, name, version, (config->>'desiredReplicas')::int AS replicas
       FROM models WHERE coalesce((config->>'desiredReplicas')::int, 0) > 0`,
    );
    this.rows = rows;
    return rows;
  }
}

/** Which of `candidates` (nodes not holding the model) should load it, most free memory first. */
export function chooseNodes(candidates: NodeInfo[], missing: number): string[] {
  return [...candidates]
    .filter((n) => n.accepting)
    .sort((a, b) => {
      const freeA = a.memoryBudgetBytes - a.memoryUsedBytes;
      const freeB = b.memoryBudgetBytes - b.memoryUsedBytes;
      return freeA === freeB ? a.id.localeCompare(b.id) : freeA > freeB ? -1 : 1;
    })
    .slice(0, Math.max(0, missing))
    .map((n) => n.id);
}

/** One placement pass for this node: loads what the cluster is missing and this node should hold. */
export async function placementPass(
  wanted: WantedModels,
  host: ModelHost,
  nodes: NodeInfo[],
  nodeId: string,
  logger: Logger,
): Promise<void> {
  for (const want of await wanted.get()) {
    const holders = nodes.filter((n) =>
      n.models.some((m) => m.tenant === want.tenant_id && m.name === want.name && Number(m.version) === want.version),
    );
    if (holders.some((n) => n.id === nodeId)) continue;
    const missing = want.replicas - holders.length;
    if (missing <= 0) continue;
    const chosen = chooseNodes(
      nodes.filter((n) => !holders.includes(n)),
      missing,
    );
    if (!chosen.includes(nodeId)) continue;
    logger.info(
      {
        model: want.name,
        version: want.version,
        tenant: want.tenant_id,
        replicas: want.replicas,
        holders: holders.length,
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
