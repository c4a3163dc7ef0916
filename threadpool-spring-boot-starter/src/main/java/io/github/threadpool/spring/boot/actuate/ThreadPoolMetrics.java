package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.ThreadPoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Binds the meters of {@link ThreadPool}s to a {@link MeterRegistry}. Every meter carries the tag
 * {@value #NAME_TAG} with the pool's {@linkplain ThreadPool#name() name}, a description and a base
 * unit. The names are a public contract:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>base unit</th></tr>
 *   <tr><td>{@code threadpool.workers}</td><td>gauge</td><td>threads</td></tr>
 *   <tr><td>{@code threadpool.workers.busy}</td><td>gauge</td><td>threads</td></tr>
 *   <tr><td>{@code threadpool.workers.dismissed}</td><td>gauge</td><td>threads</td></tr>
 *   <tr><td>{@code threadpool.queue.depth}</td><td>gauge</td><td>tasks</td></tr>
 *   <tr><td>{@code threadpool.queue.remaining}</td><td>gauge</td><td>tasks</td></tr>
 *   <tr><td>{@code threadpool.results.pending}</td><td>gauge</td><td>results</td></tr>
 *   <tr><td>{@code threadpool.requests.completed}</td><td>function counter</td><td>tasks</td></tr>
 *   <tr><td>{@code threadpool.requests.failed}</td><td>function counter</td><td>tasks</td></tr>
 *   <tr><td>{@code threadpool.requests.rejected}</td><td>function counter</td><td>tasks</td></tr>
 * </table>
 *
 * <p>The meters hold their pool weakly, so the registry never keeps a discarded pool alive (its
 * gauges then read {@code NaN}). As a {@link ThreadPoolListener} it removes a pool's meters when
 * that pool {@linkplain #terminated(ThreadPool) terminates}: the auto-configuration registers it
 * with every pool it builds. {@link #close()} removes every meter this binder registered; the
 * auto-configuration calls it when the context is closed.
 */
public class ThreadPoolMetrics implements MeterBinder, ThreadPoolListener, AutoCloseable {

  /** The tag that carries the pool's name. */
  public static final String NAME_TAG = "name";

  private static final String RESULTS = "results";

  private final Supplier<Stream<ThreadPool>> pools;
  private final Tags tags;
  private final List<Registration> registrations = new ArrayList<>();

  /**
   * Creates a binder of the given pools' meters.
   *
   * @param pools supplies the pools to bind, each time the binder is bound to a registry
   * @param tags extra tags for every meter
   */
  public ThreadPoolMetrics(Supplier<Stream<ThreadPool>> pools, Iterable<Tag> tags) {
    this.pools = Objects.requireNonNull(pools, "pools");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Creates a binder of one pool's meters.
   *
   * @param pool the pool to bind
   * @param tags extra tags for every meter
   */
  public ThreadPoolMetrics(ThreadPool pool, Iterable<Tag> tags) {
    this(() -> Stream.of(pool), tags);
    Objects.requireNonNull(pool, "pool");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    pools.get().forEach(pool -> bindTo(registry, pool));
  }

  private void bindTo(MeterRegistry registry, ThreadPool pool) {
    Tags poolTags = tags.and(NAME_TAG, pool.name());
    List<Meter> meters = new ArrayList<>();
    meters.add(
        gauge(pool, poolTags, "threadpool.workers", ThreadPoolStats::workers)
            .description("live (not dismissed) workers")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        gauge(pool, poolTags, "threadpool.workers.busy", ThreadPoolStats::busyWorkers)
            .description("workers running a request or task now")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        gauge(pool, poolTags, "threadpool.workers.dismissed", ThreadPoolStats::dismissedWorkers)
            .description("dismissed workers that have not exited yet")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        gauge(pool, poolTags, "threadpool.queue.depth", ThreadPoolStats::queueDepth)
            .description("requests and tasks waiting in the request queue")
            .baseUnit(BaseUnits.TASKS)
            .register(registry));
    meters.add(
        gauge(pool, poolTags, "threadpool.queue.remaining", ThreadPoolStats::queueRemaining)
            .description(
                "free places in a bounded request queue (Integer.MAX_VALUE when unbounded)")
            .baseUnit(BaseUnits.TASKS)
            .register(registry));
    meters.add(
        gauge(pool, poolTags, "threadpool.results.pending", ThreadPoolStats::pendingResults)
            .description("results waiting to be polled")
            .baseUnit(RESULTS)
            .register(registry));
    meters.add(
        counter(pool, poolTags, "threadpool.requests.completed", ThreadPoolStats::completed)
            .description("requests and tasks that finished normally")
            .register(registry));
    meters.add(
        counter(pool, poolTags, "threadpool.requests.failed", ThreadPoolStats::failed)
            .description("requests and tasks that threw")
            .register(registry));
    meters.add(
        counter(pool, poolTags, "threadpool.requests.rejected", ThreadPoolStats::rejected)
            .description("puts refused (queue full, shut down)")
            .register(registry));
    synchronized (registrations) {
      registrations.add(new Registration(registry, new WeakReference<>(pool), meters));
    }
  }

  /**
   * Removes the meters of {@code pool} that this binder registered, from every registry it was
   * bound to; the other pools' meters stay. Calling it again has no effect.
   */
  public void remove(ThreadPool pool) {
    List<Registration> toRemove = new ArrayList<>();
    synchronized (registrations) {
      registrations.removeIf(
          registration -> {
            boolean ofPool = registration.pool().get() == pool;
            if (ofPool) {
              toRemove.add(registration);
            }
            return ofPool;
          });
    }
    toRemove.forEach(Registration::remove);
  }

  /** Removes the meters of {@code pool}, which has terminated, as {@link #remove} does. */
  @Override
  public void terminated(ThreadPool pool) {
    remove(pool);
  }

  /** Removes every meter this binder registered, from every registry it was bound to. */
  @Override
  public void close() {
    List<Registration> toRemove;
    synchronized (registrations) {
      toRemove = new ArrayList<>(registrations);
      registrations.clear();
    }
    toRemove.forEach(Registration::remove);
  }

  private static Gauge.Builder<ThreadPool> gauge(
      ThreadPool pool, Tags tags, String name, ToDoubleFunction<ThreadPoolStats> value) {
    return Gauge.builder(name, pool, p -> value.applyAsDouble(p.stats())).tags(tags);
  }

  private static FunctionCounter.Builder<ThreadPool> counter(
      ThreadPool pool, Tags tags, String name, ToDoubleFunction<ThreadPoolStats> value) {
    return FunctionCounter.builder(name, pool, p -> value.applyAsDouble(p.stats()))
        .tags(tags)
        .baseUnit(BaseUnits.TASKS);
  }

  private record Registration(
      MeterRegistry registry, WeakReference<ThreadPool> pool, List<Meter> meters) {

    void remove() {
      meters.forEach(registry::remove);
    }
  }
}
