package io.github.threadpool.spring.boot.change;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records every change of a pool's number of live workers or of its request queue's capacity:
 * publishes a {@link ThreadPoolChangedEvent} and remembers it as the pool's {@linkplain
 * #lastChange(ThreadPool) last change}. Changes with no effect on the count are not recorded.
 *
 * <p>A pool {@linkplain #build(ThreadPool.Builder) built through the recorder} reports its own
 * changes, whoever makes them; they are recorded with the source {@value #SOURCE_API} unless they
 * are made inside {@link #change(ThreadPool, String, String, Runnable)}, which names the source and
 * the principal for the duration of the call. For any other pool only the changes made inside
 * {@code change} are recorded, from the live worker count before and after. Either way each change
 * is recorded exactly once.
 *
 * <p>Nothing is persisted: the record lives as long as the application context, and a restart
 * begins again from the configuration.
 */
public class ThreadPoolChangeRecorder {

  /** The source of a change made through the Actuator endpoint. */
  public static final String SOURCE_ENDPOINT = "endpoint";

  /** The source of a change made by the application calling the pool's methods. */
  public static final String SOURCE_API = "api";

  private static final Origin API = new Origin(SOURCE_API, null);

  /** The origin of the changes the current thread is making inside change(). */
  private static final ThreadLocal<Origin> ORIGIN = new ThreadLocal<>();

  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  /** Pools that report their own changes; held weakly, by identity. */
  private final Set<ThreadPool> observed =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Reports the changes of the pools built through this recorder. */
  private final ThreadPoolListener listener =
      new ThreadPoolListener() {
        @Override
        public void workersChanged(ThreadPool pool, int previousWorkers, int currentWorkers) {
          record(pool, previousWorkers, currentWorkers, origin());
        }

        @Override
        public void requestQueueCapacityChanged(
            ThreadPool pool, int previousCapacity, int currentCapacity) {
          recordCapacity(pool, previousCapacity, currentCapacity, origin());
        }

        private Origin origin() {
          Origin current = ORIGIN.get();
          return current != null ? current : API;
        }
      };

  /** The last change of each pool; held weakly, by identity. */
  private final Map<ThreadPool, ThreadPoolChange> lastChanges =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Creates a recorder.
   *
   * @param publisher publishes the events, usually the application context
   * @param clock gives the time of each change
   */
  public ThreadPoolChangeRecorder(ApplicationEventPublisher publisher, Clock clock) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Builds a pool that reports its own changes to this recorder, so that changes made through its
   * API are recorded too.
   *
   * @param builder the configured builder; this recorder's listener is added to it
   * @return the new pool
   */
  public ThreadPool build(ThreadPool.Builder builder) {
    ThreadPool pool = builder.listener(listener).build();
    observed.add(pool);
    return pool;
  }

  /**
   * Runs {@code change}, which changes {@code pool}'s workers, on behalf of {@code source} and
   * {@code principal}, and records the change it made, if any. Runs on the calling thread.
   *
   * @param pool the pool that {@code change} changes
   * @param source where the change comes from, such as {@value #SOURCE_ENDPOINT}
   * @param principal the authenticated user's name, or {@code null} when not known
   * @param change the change; what it throws is thrown, and a change it made before is recorded
   */
  public void change(ThreadPool pool, String source, @Nullable String principal, Runnable change) {
    Objects.requireNonNull(pool, "pool");
    Origin changeOrigin = new Origin(Objects.requireNonNull(source, "source"), principal);
    if (observed.contains(pool)) {
      Origin outer = ORIGIN.get();
      ORIGIN.set(changeOrigin);
      try {
        change.run();
      } finally {
        if (outer == null) {
          ORIGIN.remove();
        } else {
          ORIGIN.set(outer);
        }
      }
    } else {
      int previous = pool.workerCount();
      int previousCapacity = pool.requestQueueCapacity();
      try {
        change.run();
      } finally {
        record(pool, previous, pool.workerCount(), changeOrigin);
        recordCapacity(pool, previousCapacity, pool.requestQueueCapacity(), changeOrigin);
      }
    }
  }

  /** Returns the last recorded change of {@code pool}, if any. */
  public Optional<ThreadPoolChange> lastChange(ThreadPool pool) {
    return Optional.ofNullable(lastChanges.get(pool));
  }

  private void record(ThreadPool pool, int previous, int current, Origin by) {
    if (previous == current) {
      return;
    }
    ThreadPoolChange change =
        new ThreadPoolChange(
            pool.name(), previous, current, by.source(), by.principal(), clock.instant());
    publish(pool, change);
  }

  private void recordCapacity(ThreadPool pool, int previous, int current, Origin by) {
    if (previous == current) {
      return;
    }
    int workers = pool.workerCount();
    publish(
        pool,
        new ThreadPoolChange(
            pool.name(),
            workers,
            workers,
            by.source(),
            by.principal(),
            clock.instant(),
            previous,
            current));
  }

  private void publish(ThreadPool pool, ThreadPoolChange change) {
    lastChanges.put(pool, change);
    publisher.publishEvent(new ThreadPoolChangedEvent(pool, change));
  }

  private record Origin(String source, @Nullable String principal) {}
}
