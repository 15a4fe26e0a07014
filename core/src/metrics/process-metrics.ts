/**
 * The process's own health in Prometheus's standard names: CPU, memory, open files, start time,
 * the V8 heap, and the event loop's delay (what a busy gateway feels first).
 */
import { readdirSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { MetricRegistry } from "./metric-registry.ts";

const registered = new WeakSet<MetricRegistry>();

/** Adds the process metrics to `registry` (once; later calls do nothing). */
export function registerProcessMetrics(registry: MetricRegistry): void {
  if (registered.has(registry)) return;
  registered.add(registry);
  const cpu = registry.counter("process_cpu_seconds_total", "User and system CPU time spent, in seconds.").labels();
  const rss = registry.gauge("process_resident_memory_bytes", "Resident memory size, in bytes.").labels();
  const start = registry
    .gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.")
    .labels();
  const fds = registry.gauge("process_open_fds", "Open file descriptors.").labels();
  const heapUsed = registry.gauge("nodejs_heap_size_used_bytes", "V8 heap in use, in bytes.").labels();
  const heapTotal = registry.gauge("nodejs_heap_size_total_bytes", "V8 heap allocated, in bytes.").labels();
  const external = registry
    .gauge(
      "nodejs_external_memory_bytes",
      "Memory of objects outside the V8 heap (buffers, native addons' tensors), in bytes.",
    )
    .labels();
  const lag = registry.gauge(
    "nodejs_eventloop_lag_seconds",
    "Event loop delay since the last scrape, by quantile, in seconds.",
    ["quantile"],
  );
  const lagMax = registry
    .gauge("nodejs_eventloop_lag_max_seconds", "Longest event loop delay since the last scrape, in seconds.")
    .labels();
  start.set(Math.round(Date.now() / 1000 - process.uptime()));

  // Sampled every 20 ms by libuv's timer, not by us: no cost on the paths that serve requests.
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  registry.onCollect(() => {
    const usage = process.cpuUsage();
    cpu.setTotal((usage.user + usage.system) / 1e6);
    const memory = process.memoryUsage();
    rss.set(memory.rss);
    heapUsed.set(memory.heapUsed);
    heapTotal.set(memory.heapTotal);
    external.set(memory.external);
    try {
      fds.set(readdirSync("/proc/self/fd").length);
    } catch {
      // not Linux: leave it at 0
    }
    for (const q of [0.5, 0.9, 0.99]) lag.labels(String(q)).set(delay.percentile(q * 100) / 1e9);
    lagMax.set(delay.max / 1e9);
    delay.reset();
  });
}
