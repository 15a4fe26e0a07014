/**
 * The task worker of a scheduler: takes work notices from JetStream, claims the unit's items in
 * PostgreSQL under a lease, runs them, commits their outcomes, and only then acknowledges the
 * notice. While it works it renews the lease and tells JetStream it is still working; a worker
 * that stops (crash, SIGSTOP, lost network) lets the lease run out, JetStream delivers the notice
 * again, and another worker claims what was left. A notice whose items are not all final yet
 * (retries waiting for their backoff, items another worker holds) is nak'd with the delay until the
 * earliest of them is due.
 */
import { randomUUID } from "node:crypto";
import {
  ATTR_ARBITER_TASK_ID,
  ATTR_ARBITER_TASK_ITEMS,
  ATTR_ARBITER_TENANT,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  type DurableMessage,
  type DurableStream,
  endSpan,
  type Logger,
  SpanKind,
  startLinkedSpan,
  tracingActive,
  withSpan,
} from "@arbiter/core";
import { durableWorkMetrics } from "../durable-work-metrics.ts";
import { describeFailure, isPermanent, retryDelayMs } from "../retry-policy.ts";
import { type ItemRunnerDeps, itemRunnerFor } from "./item-runner.ts";
import {
  type ItemOutcome,
  isFinal,
  TASK_CONSUMER,
  TASK_SUBJECTS,
  TaskEndedError,
  type TaskStore,
  taskSubject,
  type WorkUnit,
} from "./task-store.ts";

/** Schedulers' worth of units JetStream lets be unacknowledged at once, all nodes together. */
const CLUSTER_SHARES = 64;
/** Slack added to a nak's delay so the item is due when the notice comes back. */
const DUE_SLACK_MS = 25;

export interface TaskWorkerOptions {
  readonly stream: DurableStream;
  readonly store: TaskStore;
  readonly deps: ItemRunnerDeps;
  readonly nodeId: string;
  readonly logger: Logger;
  readonly leaseMs: number;
  readonly unitsInFlight: number;
  readonly retryBackoffMs: number;
}

/** A running worker. */
export interface TaskWorker {
  /**
   * Stops taking notices and waits up to `timeoutMs` for the units running; what is still running
   * then is given back (its items pending again, its notices nak'd) for another worker.
   */
  stop(timeoutMs: number): Promise<void>;
}

/** Starts consuming work notices. */
export async function startTaskWorker(options: TaskWorkerOptions): Promise<TaskWorker> {
  const { store, logger, leaseMs } = options;
  // One owner per process: a restarted node never mistakes its predecessor's leases for its own.
  const owner = `${options.nodeId}/${randomUUID().slice(0, 8)}`;
  const running = new Map<DurableMessage, Promise<void>>();
  const metrics = durableWorkMetrics();

  const runUnit = async (message: DurableMessage, unit: WorkUnit): Promise<void> => {
    const task = await store.target(unit.task);
    if (!task || isFinal(task.state)) return message.ack();
    // The subject names the tenant the notice was sent for; the task's row is the authority. A
    // notice for one tenant never runs another tenant's task.
    if (message.subject !== taskSubject(task.tenant) || unit.tenant !== task.tenant) {
      logger.error(
        { subject: message.subject, task: task.id, tenant: task.tenant, claimed: unit.tenant },
        "refusing a work notice whose subject or tenant is not its task's",
      );
      return message.ack();
    }
    let claimed: Awaited<ReturnType<TaskStore["claim"]>>;
    try {
      claimed = await store.claim(unit, owner, leaseMs);
    } catch (err) {
      if (err instanceof TaskEndedError) return message.ack();
      throw err;
    }
    if (claimed.length > 0) {
      const renew = setInterval(() => {
        message.working();
        store.renew(unit, owner, leaseMs).catch((err) => logger.warn({ err, task: unit.task }, "lease renewal failed"));
      }, leaseMs / 3);
      // While tracing, the unit is a trace of its own (its items' model calls and pipelines inside),
      // linked to the submit's span: a long task does not stretch the submit's trace.
      const span = tracingActive()
        ? startLinkedSpan(
            `process ${message.subject}`,
            SpanKind.CONSUMER,
            {
              [ATTR_MESSAGING_SYSTEM]: "nats",
              [ATTR_MESSAGING_OPERATION_TYPE]: "process",
              [ATTR_MESSAGING_DESTINATION_NAME]: message.subject,
              [ATTR_ARBITER_TASK_ID]: task.id,
              [ATTR_ARBITER_TASK_ITEMS]: `${unit.from}-${unit.to}`,
              [ATTR_ARBITER_TENANT]: task.tenant,
            },
            task.traceparent,
          )
        : undefined;
      let failure: unknown;
      try {
        const run = async () => {
          const settled = await runItems(task, claimed);
          await store.commit(task.id, owner, settled);
          return settled;
        };
        const outcomes = await (span ? withSpan(span, run) : run());
        metrics.itemsSettled("succeeded", outcomes.filter((o) => o.kind === "succeeded").length);
        metrics.itemsSettled("dead_lettered", outcomes.filter((o) => o.kind === "dead_lettered").length);
        metrics.itemsSettled("retried", outcomes.filter((o) => o.kind === "retry").length);
      } catch (err) {
        failure = err;
        throw err;
      } finally {
        clearInterval(renew);
        if (span) endSpan(span, failure);
      }
    }
    const progress = await store.unitProgress(unit);
    if (progress.unfinished === 0) return message.ack();
    message.nak(progress.nextDueMs + DUE_SLACK_MS);
  };

  const runItems = async (
    task: NonNullable<Awaited<ReturnType<TaskStore["target"]>>>,
    claimed: Awaited<ReturnType<TaskStore["claim"]>>,
  ): Promise<ItemOutcome[]> => {
    let run: Awaited<ReturnType<typeof itemRunnerFor>>;
    try {
      run = await itemRunnerFor(task, options.deps);
    } catch (err) {
      if (isPermanent(err)) {
        // The model or pipeline is gone: no item of the task can run.
        await store.fail(task.id, describeFailure(err));
        return [];
      }
      throw err;
    }
    return Promise.all(
      claimed.map(async (item): Promise<ItemOutcome> => {
        try {
          return { index: item.index, kind: "succeeded", result: await run(item.index, item.input) };
        } catch (err) {
          const error = describeFailure(err);
          if (isPermanent(err) || item.attempts >= task.maxAttempts) {
            return { index: item.index, kind: "dead_lettered", error: `attempt ${item.attempts}: ${error}` };
          }
          return {
            index: item.index,
            kind: "retry",
            error,
            delayMs: retryDelayMs(options.retryBackoffMs, item.attempts),
          };
        }
      }),
    );
  };

  const consumption = await options.stream.consume(
    {
      durable: TASK_CONSUMER,
      filterSubject: TASK_SUBJECTS,
      ackWaitMs: leaseMs,
      // The cluster's allowance; each scheduler runs its own share of units at once.
      maxAckPending: options.unitsInFlight * CLUSTER_SHARES,
      concurrency: options.unitsInFlight,
    },
    async (message) => {
      let unit: WorkUnit;
      try {
        unit = JSON.parse(new TextDecoder().decode(message.data)) as WorkUnit;
      } catch {
        logger.error({ seq: message.seq }, "unreadable work notice dropped");
        return message.ack();
      }
      const finished = metrics.unitStarted();
      const work = runUnit(message, unit).catch((err) => {
        // PostgreSQL or JetStream away: the items keep their state, and the notice comes back.
        logger.warn({ err, task: unit.task, from: unit.from }, "work unit failed; it will be delivered again");
        message.nak(Math.min(leaseMs, 1000));
      });
      running.set(message, work);
      try {
        await work;
      } finally {
        running.delete(message);
        finished();
      }
    },
  );

  return {
    async stop(timeoutMs) {
      await consumption.stop();
      const finished = await Promise.race([
        Promise.all(running.values()).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
      if (finished) return;
      const released = await store.release(owner).catch(() => 0);
      for (const message of running.keys()) message.nak(0);
      logger.warn({ released }, "drain timed out; gave the items still running back");
    },
  };
}
