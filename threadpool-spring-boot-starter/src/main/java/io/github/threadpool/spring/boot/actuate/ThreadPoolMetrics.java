package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of {@link ThreadPool}s to a {@link MeterRegistry}. Every meter carries the tag
 * {@value #NAME_TAG} with the pool's {@linkplain ThreadPool#name() name}, a description and a base
 * unit. The names are a public contract:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>base unit</th><th>other tags</th></tr>
 *   <tr><td>{@code threadpool.workers}</td><td>gauge</td><td>threads</td><td></td></tr>
 *   <tr><td>{@code threadpool.workers.busy}</td><td>gauge</td><td>threads</td><td></td></tr>
 *   <tr><td>{@code threadpool.workers.dismissed}</td><td>gauge</td><td>threads</td><td></td></tr>
 *   <tr><td>{@code threadpool.workers.configured}</td><td>gauge</td><td>threads</td><td></td></tr>
 *   <tr><td>{@code threadpool.workers.max}</td><td>gauge</td><td>threads</td><td></td></tr>
 *   <tr><td>{@code threadpool.queue.depth}</td><td>gauge</td><td>tasks</td><td></td></tr>
 *   <tr><td>{@code threadpool.queue.remaining}</td><td>gauge</td><td>tasks</td><td></td></tr>
 *   <tr><td>{@code threadpool.results.pending}</td><td>gauge</td><td>results</td><td></td></tr>
 *   <tr><td>{@code threadpool.requests.completed}</td><td>function counter</td><td>tasks</td>
 *       <td></td></tr>
 *   <tr><td>{@code threadpool.requests.failed}</td><td>function counter</td><td>tasks</td>
 *       <td></td></tr>
 *   <tr><td>{@code threadpool.requests.rejected}</td><td>function counter</td><td>tasks</td>
 *       <td></td></tr>
 *   <tr><td>{@code threadpool.requests.timeouts}</td><td>function counter</td><td>tasks</td>
 *       <td>{@code kind} = {@code queue} | {@code run}</td></tr>
 *   <tr><td>{@code threadpool.requests.wait}</td><td>timer</td><td>seconds</td><td></td></tr>
 *   <tr><td>{@code threadpool.requests.duration}</td><td>timer</td><td>seconds</td>
 *       <td>{@code outcome} = {@code success} | {@code failure}</td></tr>
 *   <tr><td>{@code threadpool.results.wait}</td><td>timer</td><td>seconds</td><td></td></tr>
 * </table>
 *
 * <p>The first nine are read from the pool's {@link ThreadPool#stats() stats()}; the others come
 * from what the binder's {@link PoolDetails} know of a pool, and are registered only for the pools
 * they know: the configured and the largest size, the pool's {@link SlowWorkDetector} (the timeout
 * counts) and its {@link ThreadPoolTimers} (the timers).
 *
 * <p><b>One snapshot per scrape.</b> The nine meters of a pool in one registry read one {@code
 * stats()} snapshot, so that a scrape shows numbers that belong together (busy workers never more
 * than live ones, for example): a meter takes a new snapshot only when it has read the current one
 * already or the current one is older than {@value #SNAPSHOT_MAX_AGE_MILLIS} ms. A scrape reads
 * every meter once, well within that time; reading the same meter again always takes a new
 * snapshot.
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

  /** The tag of {@code threadpool.requests.timeouts} that tells what took too long. */
  public static final String KIND_TAG = "kind";

  /** How long the meters of a pool may share one snapshot of its stats, in milliseconds. */
  static final long SNAPSHOT_MAX_AGE_MILLIS = 100;

  private static final String RESULTS = "results";

  /**
   * What a binder knows of a pool besides its {@link ThreadPool#stats() stats()}. Each method
   * returns {@code null} for a pool it knows nothing about, and the meter is not registered.
   */
  public interface PoolDetails {

    /** Returns the number of workers the configuration asked for last, or {@code null}. */
    default @Nullable Integer configuredWorkers(ThreadPool pool) {
      return null;
    }

    /** Returns the largest number of workers the pool may be given, or {@code null}. */
    default @Nullable Integer maxWorkers(ThreadPool pool) {
      return null;
    }

    /** Returns the detector of the pool's slow work, or {@code null}. */
    default @Nullable SlowWorkDetector detector(ThreadPool pool) {
      return null;
    }

    /** Returns the pool's observer that times its work, or {@code null}. */
    default @Nullable ThreadPoolTimers timers(ThreadPool pool) {
      return null;
    }
  }

  private static final PoolDetails NO_DETAILS = new PoolDetails() {};

  private final Supplier<Stream<ThreadPool>> pools;
  private final Tags tags;
  private final PoolDetails details;
  private final Duration snapshotMaxAge;
  private final List<Registration> registrations = new ArrayList<>();

  /**
   * Creates a binder of the given pools' meters that are read from their stats.
   *
   * @param pools supplies the pools to bind, each time the binder is bound to a registry
   * @param tags extra tags for every meter
   */
  public ThreadPoolMetrics(Supplier<Stream<ThreadPool>> pools, Iterable<Tag> tags) {
    this(pools, tags, NO_DETAILS);
  }

  /**
   * Creates a binder of the given pools' meters, those the {@code details} know included.
   *
   * @param pools supplies the pools to bind, each time the binder is bound to a registry
   * @param tags extra tags for every meter
   * @param details what is known of each pool besides its stats
   */
  public ThreadPoolMetrics(
      Supplier<Stream<ThreadPool>> pools, Iterable<Tag> tags, PoolDetails details) {
    this(pools, tags, details, Duration.ofMillis(SNAPSHOT_MAX_AGE_MILLIS));
  }

  ThreadPoolMetrics(
      Supplier<Stream<ThreadPool>> pools,
      Iterable<Tag> tags,
      PoolDetails details,
      Duration snapshotMaxAge) {
    this.pools = Objects.requireNonNull(pools, "pools");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    this.details = Objects.requireNonNull(details, "details");
    this.snapshotMaxAge = snapshotMaxAge;
  }

  /**
   * Creates a binder of one pool's meters that are read from its stats.
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
    Snapshot snapshot = new Snapshot(snapshotMaxAge);
    List<Meter> meters = new ArrayList<>();
    meters.add(
        snapshot
            .gauge(pool, poolTags, "threadpool.workers", ThreadPoolStats::workers)
            .description("live (not dismissed) workers")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        snapshot
            .gauge(pool, poolTags, "threadpool.workers.busy", ThreadPoolStats::busyWorkers)
            .description("workers running a request or task now")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        snapshot
            .gauge(
                pool, poolTags, "threadpool.workers.dismissed", ThreadPoolStats::dismissedWorkers)
            .description("dismissed workers that have not exited yet")
            .baseUnit(BaseUnits.THREADS)
            .register(registry));
    meters.add(
        snapshot
            .gauge(pool, poolTags, "threadpool.queue.depth", ThreadPoolStats::queueDepth)
            .description("requests and tasks waiting in the request queue")
            .baseUnit(BaseUnits.TASKS)
            .register(registry));
    meters.add(
        snapshot
            .gauge(pool, poolTags, "threadpool.queue.remaining", ThreadPoolStats::queueRemaining)
            .description(
                "free places in a bounded request queue (Integer.MAX_VALUE when unbounded)")
            .baseUnit(BaseUnits.TASKS)
            .register(registry));
    meters.add(
        snapshot
            .gauge(pool, poolTags, "threadpool.results.pending", ThreadPoolStats::pendingResults)
            .description("results waiting to be polled")
            .baseUnit(RESULTS)
            .register(registry));
    meters.add(
        snapshot
            .counter(pool, poolTags, "threadpool.requests.completed", ThreadPoolStats::completed)
            .description("requests and tasks that finished normally")
            .register(registry));
    meters.add(
        snapshot
            .counter(pool, poolTags, "threadpool.requests.failed", ThreadPoolStats::failed)
            .description("requests and tasks that threw")
            .register(registry));
    meters.add(
        snapshot
            .counter(pool, poolTags, "threadpool.requests.rejected", ThreadPoolStats::rejected)
            .description("puts refused (queue full, shut down)")
            .register(registry));
    if (details.configuredWorkers(pool) != null) {
      meters.add(
          detail(pool, poolTags, "threadpool.workers.configured", details::configuredWorkers)
              .description("the number of workers the configuration asked for last")
              .baseUnit(BaseUnits.THREADS)
              .register(registry));
    }
    if (details.maxWorkers(pool) != null) {
      meters.add(
          detail(pool, poolTags, "threadpool.workers.max", details::maxWorkers)
              .description("the largest number of workers the pool may be given (max-workers)")
              .baseUnit(BaseUnits.THREADS)
              .register(registry));
    }
    SlowWorkDetector detector = details.detector(pool);
    if (detector != null) {
      for (SlowWorkKind kind : SlowWorkKind.values()) {
        meters.add(
            FunctionCounter.builder("threadpool.requests.timeouts", detector, d -> d.timeouts(kind))
                .tags(poolTags)
                .tag(KIND_TAG, kind.tagValue())
                .description(
                    "requests and tasks that waited longer than the queue timeout (kind=queue) or"
                        + " ran longer than the run timeout (kind=run)")
                .baseUnit(BaseUnits.TASKS)
                .register(registry));
      }
    }
    ThreadPoolTimers timers = details.timers(pool);
    if (timers != null) {
      meters.addAll(timers.bindTo(registry, poolTags));
    }
    synchronized (registrations) {
      registrations.add(new Registration(registry, new WeakReference<>(pool), meters, timers));
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

  /**
   * The snapshot of one pool's stats that its meters in one registry share. The meters hold the
   * pool weakly, as Micrometer's gauges do, and pass it in; the snapshot holds no pool.
   */
  private static final class Snapshot {

    private final Object lock = new Object();
    private final long maxAgeNanos;
    private int meters;

    // Guarded by lock: the snapshot, when it was taken, and the meters that have read it (a bit
    // each).
    private @Nullable ThreadPoolStats stats;
    private long takenNanos;
    private long readBy;

    Snapshot(Duration maxAge) {
      this.maxAgeNanos = maxAge.toNanos();
    }

    Gauge.Builder<ThreadPool> gauge(
        ThreadPool pool, Tags tags, String name, ToDoubleFunction<ThreadPoolStats> value) {
      int meter = meters++;
      return Gauge.builder(name, pool, p -> read(p, meter, value)).tags(tags);
    }

    FunctionCounter.Builder<ThreadPool> counter(
        ThreadPool pool, Tags tags, String name, ToDoubleFunction<ThreadPoolStats> value) {
      int meter = meters++;
      return FunctionCounter.builder(name, pool, p -> read(p, meter, value))
          .tags(tags)
          .baseUnit(BaseUnits.TASKS);
    }

    /** Reads {@code value} of the current snapshot, first taking a new one if needed. */
    private double read(ThreadPool pool, int meter, ToDoubleFunction<ThreadPoolStats> value) {
      long bit = 1L << meter;
      ThreadPoolStats current;
      synchronized (lock) {
        long now = System.nanoTime();
        current = stats;
        if (current == null || (readBy & bit) != 0 || now - takenNanos > maxAgeNanos) {
          current = pool.stats();
          stats = current;
          takenNanos = now;
          readBy = 0;
        }
        readBy |= bit;
      }
      return value.applyAsDouble(current);
    }
  }

  private static Gauge.Builder<ThreadPool> detail(
      ThreadPool pool, Tags tags, String name, Function<ThreadPool, @Nullable Integer> value) {
    return Gauge.builder(
            name,
            pool,
            p -> {
              Integer detail = value.apply(p);
              return detail != null ? detail : Double.NaN;
            })
        .tags(tags);
  }

  private record Registration(
      MeterRegistry registry,
      WeakReference<ThreadPool> pool,
      List<Meter> meters,
      @Nullable ThreadPoolTimers timers) {

    void remove() {
      if (timers != null) {
        timers.unbind(registry);
      }
      meters.forEach(registry::remove);
    }
  }
}
