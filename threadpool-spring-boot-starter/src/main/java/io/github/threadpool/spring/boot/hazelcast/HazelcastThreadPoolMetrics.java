package io.github.threadpool.spring.boot.hazelcast;

import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The meters of the cluster-backed pools: the same names, descriptions and {@code name} tag as a
 * local pool's (this member's side, from {@link HazelcastThreadPool#stats()}), and {@code
 * threadpool.cluster.members}, the number of members in the cluster. Gauges hold their pool weakly.
 */
public class HazelcastThreadPoolMetrics implements MeterBinder {

  private final Supplier<Stream<HazelcastThreadPool>> pools;

  /**
   * Creates a binder of the given pools' meters.
   *
   * @param pools supplies the pools to bind, each time the binder is bound to a registry
   */
  public HazelcastThreadPoolMetrics(Supplier<Stream<HazelcastThreadPool>> pools) {
    this.pools = Objects.requireNonNull(pools, "pools");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    pools.get().forEach(pool -> bindTo(registry, pool));
  }

  private static void bindTo(MeterRegistry registry, HazelcastThreadPool pool) {
    Tags tags = Tags.of("name", pool.name());
    gauge(
        registry,
        pool,
        tags,
        "threadpool.workers",
        "live (not dismissed) workers",
        BaseUnits.THREADS,
        ThreadPoolStats::workers);
    gauge(
        registry,
        pool,
        tags,
        "threadpool.workers.busy",
        "workers running a request or task now",
        BaseUnits.THREADS,
        ThreadPoolStats::busyWorkers);
    gauge(
        registry,
        pool,
        tags,
        "threadpool.workers.dismissed",
        "dismissed workers that have not exited yet",
        BaseUnits.THREADS,
        ThreadPoolStats::dismissedWorkers);
    gauge(
        registry,
        pool,
        tags,
        "threadpool.queue.depth",
        "requests and tasks waiting in the request queue",
        BaseUnits.TASKS,
        ThreadPoolStats::queueDepth);
    gauge(
        registry,
        pool,
        tags,
        "threadpool.queue.remaining",
        "free places in a bounded request queue (Integer.MAX_VALUE when unbounded)",
        BaseUnits.TASKS,
        ThreadPoolStats::queueRemaining);
    gauge(
        registry,
        pool,
        tags,
        "threadpool.results.pending",
        "results waiting to be polled",
        "results",
        ThreadPoolStats::pendingResults);
    counter(
        registry,
        pool,
        tags,
        "threadpool.requests.completed",
        "requests and tasks that finished normally",
        ThreadPoolStats::completed);
    counter(
        registry,
        pool,
        tags,
        "threadpool.requests.failed",
        "requests and tasks that threw",
        ThreadPoolStats::failed);
    counter(
        registry,
        pool,
        tags,
        "threadpool.requests.rejected",
        "puts refused (queue full, shut down)",
        ThreadPoolStats::rejected);
    Gauge.builder("threadpool.cluster.members", pool, HazelcastThreadPool::memberCount)
        .tags(tags)
        .description("members of the cluster that runs the pool's work requests")
        .baseUnit("members")
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      HazelcastThreadPool pool,
      Tags tags,
      String name,
      String description,
      String unit,
      ToDoubleFunction<ThreadPoolStats> value) {
    Gauge.builder(name, pool, p -> value.applyAsDouble(p.stats()))
        .tags(tags)
        .description(description)
        .baseUnit(unit)
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry,
      HazelcastThreadPool pool,
      Tags tags,
      String name,
      String description,
      ToDoubleFunction<ThreadPoolStats> value) {
    FunctionCounter.builder(name, pool, p -> value.applyAsDouble(p.stats()))
        .tags(tags)
        .description(description)
        .register(registry);
  }
}
