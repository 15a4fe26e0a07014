/**
 * The JetStream streams stream bindings read and write, opened the way a producer and a consumer
 * of decisions open them (the same settings the schedulers create them with, so opening one that
 * exists changes nothing): ARBITER_EVENTS (arbiter.events.>) and ARBITER_DECISIONS
 * (arbiter.decisions.>).
 */
import type { Bus, DurableStream } from "@arbiter/core";

const WEEK_MS = 7 * 24 * 3600_000;
const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Both streams, over `bus` (the mesh's in-process bus, or a NATS connection of the test's own). */
export async function openEventStreams(bus: Bus): Promise<{ events: DurableStream; decisions: DurableStream }> {
  const [events, decisions] = await Promise.all(
    [
      ["ARBITER_EVENTS", "arbiter.events.>"],
      ["ARBITER_DECISIONS", "arbiter.decisions.>"],
    ].map(([name, subject]) =>
      bus.durableStream({
        name: name as string,
        subjects: [subject as string],
        retention: "limits",
        duplicateWindowMs: DUPLICATE_WINDOW_MS,
        maxAgeMs: WEEK_MS,
      }),
    ),
  );
  return { events: events as DurableStream, decisions: decisions as DurableStream };
}
