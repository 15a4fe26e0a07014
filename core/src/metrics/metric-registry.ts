/**
 * Prometheus metrics of one process, in the text exposition format (version 0.0.4).
 *
 * A small registry of our own rather than a client library, for two reasons: the hot path records
 * through a child resolved once per label set (an array index and two additions, no label hashing
 * per call), and several metrics are read from the native batcher's running totals at scrape time
 * — a histogram of batch sizes set from its counts, queue and compute seconds as counters — which
 * the usual clients can only observe one value at a time.
 *
 * Names and labels follow Prometheus conventions: base units (seconds, bytes), `_total` on
 * counters, and label values from bounded sets (method names, model names, codes — never ids).
 */

/** Label values, in the order of the metric's label names. */
export type LabelValues = readonly string[];

type MetricType = "counter" | "gauge" | "histogram";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function labelText(names: readonly string[], values: LabelValues, extra?: string): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? "")}"`);
  if (extra) parts.push(extra);
  return parts.length > 0 ? `{${parts.join(",")}}` : "";
}

abstract class Metric<Child> {
  protected readonly children = new Map<string, { values: LabelValues; child: Child }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: MetricType,
    readonly labelNames: readonly string[],
  ) {}

  protected abstract create(): Child;

  /** The child of one label set, created on first use; keep it to record without a lookup. */
  labels(...values: string[]): Child {
    if (values.length !== this.labelNames.length) {
      throw new RangeError(
        `${this.name}: expected labels (${this.labelNames.join(", ")}), got ${values.length} values`,
      );
    }
    const key = values.join("\u0000");
    let entry = this.children.get(key);
    if (!entry) {
      entry = { values, child: this.create() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  /** Drops a label set (a model that was unloaded), so it stops being reported. */
  remove(...values: string[]): void {
    this.children.delete(values.join("\u0000"));
  }

  /** Drops every label set (before a collector sets them afresh). */
  clear(): void {
    this.children.clear();
  }

  expose(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
    out.push(`# TYPE ${this.name} ${this.type}`);
    for (const { values, child } of this.children.values()) this.exposeChild(out, values, child);
  }

  protected abstract exposeChild(out: string[], values: LabelValues, child: Child): void;
}

/** A value that only goes up (or is set from a running total kept elsewhere). */
export class CounterChild {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
  /** Sets the total kept by someone else (the native batcher's counts), read at scrape time. */
  setTotal(total: number): void {
    this.value = total;
  }
}

export class Counter extends Metric<CounterChild> {
  protected create(): CounterChild {
    return new CounterChild();
  }
  protected exposeChild(out: string[], values: LabelValues, child: CounterChild): void {
    out.push(`${this.name}${labelText(this.labelNames, values)} ${formatValue(child.value)}`);
  }
}

/** A value that goes up and down. */
export class GaugeChild {
  value = 0;
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
}

export class Gauge extends Metric<GaugeChild> {
  protected create(): GaugeChild {
    return new GaugeChild();
  }
  protected exposeChild(out: string[], values: LabelValues, child: GaugeChild): void {
    out.push(`${this.name}${labelText(this.labelNames, values)} ${formatValue(child.value)}`);
  }
}

/** Observations counted into buckets by upper bound, with their sum and count. */
export class HistogramChild {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length).fill(0);
  }
  observe(value: number): void {
    this.observeMany(value, 1);
  }
  /** `times` observations of the same value (a batch size seen n times). */
  observeMany(value: number, times: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    if (i < bounds.length) this.counts[i] = (this.counts[i] ?? 0) + times;
    this.sum += value * times;
    this.count += times;
  }
  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

export class Histogram extends Metric<HistogramChild> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly bounds: readonly number[],
  ) {
    super(name, help, "histogram", labelNames);
  }
  protected create(): HistogramChild {
    return new HistogramChild(this.bounds);
  }
  protected exposeChild(out: string[], values: LabelValues, child: HistogramChild): void {
    let cumulative = 0;
    child.bounds.forEach((bound, i) => {
      cumulative += child.counts[i] ?? 0;
      out.push(`${this.name}_bucket${labelText(this.labelNames, values, `le="${formatValue(bound)}"`)} ${cumulative}`);
    });
    out.push(`${this.name}_bucket${labelText(this.labelNames, values, 'le="+Inf"')} ${child.count}`);
    out.push(`${this.name}_sum${labelText(this.labelNames, values)} ${formatValue(child.sum)}`);
    out.push(`${this.name}_count${labelText(this.labelNames, values)} ${child.count}`);
  }
}

/** Latency buckets in seconds, from half a millisecond to ten seconds. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

type AnyMetric = Counter | Gauge | Histogram;

/**
 * The metrics of a process. Asking twice for a metric of the same name returns the same one, so
 * a gateway and a scheduler in one process (the embedded mesh) share their process's registry.
 */
export class MetricRegistry {
  private readonly metrics = new Map<string, AnyMetric>();
  private readonly collectors = new Set<() => void>();

  private getOrCreate<M extends AnyMetric>(name: string, kind: new (...args: never[]) => M, make: () => M): M {
    const existing = this.metrics.get(name);
    if (existing) {
      if (!(existing instanceof kind))
        throw new TypeError(`metric ${name} is already registered as a ${existing.type}`);
      return existing;
    }
    const metric = make();
    this.metrics.set(name, metric);
    return metric;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.getOrCreate(name, Counter, () => new Counter(name, help, "counter", labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.getOrCreate(name, Gauge, () => new Gauge(name, help, "gauge", labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], bounds = LATENCY_BUCKETS): Histogram {
    return this.getOrCreate(name, Histogram, () => new Histogram(name, help, labelNames, bounds));
  }

  /** Runs `collect` before every scrape (to read gauges and totals kept elsewhere); returns its removal. */
  onCollect(collect: () => void): () => void {
    this.collectors.add(collect);
    return () => this.collectors.delete(collect);
  }

  /** Every metric in the text exposition format. */
  expose(): string {
    for (const collect of this.collectors) collect();
    const out: string[] = [];
    for (const metric of [...this.metrics.values()].sort((a, b) => a.name.localeCompare(b.name))) metric.expose(out);
    out.push("");
    return out.join("\n");
  }
}

/** The content type of `expose()`'s text. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

let processRegistry: MetricRegistry | undefined;

/** The registry of this process, which `/metrics` serves. */
export function processMetrics(): MetricRegistry {
  processRegistry ??= new MetricRegistry();
  return processRegistry;
}
