/**
 * Prometheus metrics of durable work on this process's schedulers:
 *
 *   arbiter_task_items_total{outcome}              items a worker settled: succeeded | dead_lettered | retried
 *   arbiter_task_units_in_flight                   work units running on the node now
 *   arbiter_outbox_published_total                 work notices the relay published to JetStream
 *   arbiter_stream_events_total{binding,outcome}   events settled: decided | dead_lettered | retried | already_recorded
 *   arbiter_stream_lag{binding}                    events stored and not yet delivered (JetStream), as last read
 *   arbiter_stream_in_flight{binding}              events delivered and not yet acknowledged, as last read
 *
 * The stream gauges are read from JetStream every few seconds by the node, not at scrape time
 * (a scrape must not wait on the bus).
 */
import { type Gauge, type MetricRegistry, processMetrics } from "@arbiter/core";

/** Outcomes of a task item as a worker settles it. */
export type ItemOutcomeLabel = "succeeded" | "dead_lettered" | "retried";
/** Outcomes of a stream event. */
export type EventOutcomeLabel = "decided" | "dead_lettered" | "retried" | "already_recorded";

/** The durable-work metrics of one registry. */
export class DurableWorkMetrics {
  private readonly items;
  private readonly unitsGauge;
  private readonly published;
  private readonly events;
  private readonly lag: Gauge;
  private readonly inFlight: Gauge;

  constructor(registry: MetricRegistry) {
    this.items = registry.counter("arbiter_task_items_total", "Task items a worker settled, by outcome.", ["outcome"]);
    this.unitsGauge = registry.gauge("arbiter_task_units_in_flight", "Task work units running on the node now.");
    this.published = registry.counter(
      "arbiter_outbox_published_total",
      "Work notices the outbox relay published to JetStream.",
    );
    this.events = registry.counter("arbiter_stream_events_total", "Stream events settled, by binding and outcome.", [
      "binding",
      "outcome",
    ]);
    this.lag = registry.gauge(
      "arbiter_stream_lag",
      "Events of a binding stored in JetStream and not yet delivered, as last read.",
      ["binding"],
    );
    this.inFlight = registry.gauge(
      "arbiter_stream_in_flight",
      "Events of a binding delivered and not yet acknowledged, as last read.",
      ["binding"],
    );
  }

  itemsSettled(outcome: ItemOutcomeLabel, count: number): void {
    if (count > 0) this.items.labels(outcome).inc(count);
  }

  /** Counts a unit running until the returned function is called. */
  unitStarted(): () => void {
    const gauge = this.unitsGauge.labels();
    gauge.inc();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      gauge.dec();
    };
  }

  noticesPublished(count: number): void {
    if (count > 0) this.published.labels().inc(count);
  }

  eventSettled(binding: string, outcome: EventOutcomeLabel): void {
    this.events.labels(binding, outcome).inc();
  }

  streamState(binding: string, lag: number, inFlight: number): void {
    this.lag.labels(binding).set(lag);
    this.inFlight.labels(binding).set(inFlight);
  }
}

let metrics: DurableWorkMetrics | undefined;

/** The durable-work metrics of this process. */
export function durableWorkMetrics(): DurableWorkMetrics {
  metrics ??= new DurableWorkMetrics(processMetrics());
  return metrics;
}
