package io.github.threadpool.spring.boot.change;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolListener;
import io.github.threadpool.spring.boot.change.ThreadPoolChange.SettingChange;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records every change of a pool's number of live workers and of its request queue's capacity, and
 * every change of its settings made through {@link #reconfigure reconfigure} or refused through
 * {@link #refuse refuse}: publishes a {@link ThreadPoolChangedEvent} and remembers it as the pool's
 * {@linkplain #lastChange(ThreadPool) last change}. Changes with no effect are not recorded.
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

  /** The source of a change made because the application's configuration changed. */
  public static final String SOURCE_CONFIG = "config";

  private static final Origin API = new Origin(SOURCE_API, null, null);

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
          Origin current = ORIGIN.get();
          WorkersChange collecting = current != null ? current.workers() : null;
          if (collecting != null && collecting.pool == pool) {
            collecting.changed(currentWorkers);
          } else {
            record(pool, previousWorkers, currentWorkers, current != null ? current : API);
          }
        }

        @Override
        public void requestQueueCapacityChanged(
            ThreadPool pool, int previousCapacity, int currentCapacity) {
          Origin current = ORIGIN.get();
          WorkersChange reconfiguring = current != null ? current.workers() : null;
          if (reconfiguring != null && reconfiguring.pool == pool) {
            return; // part of the reconfiguration, which records it
          }
          recordCapacity(pool, previousCapacity, currentCapacity, current != null ? current : API);
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
    Origin changeOrigin = new Origin(Objects.requireNonNull(source, "source"), principal, null);
    if (observed.contains(pool)) {
      runAs(changeOrigin, change);
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

  /**
   * Runs {@code apply}, which applies new settings to {@code pool}, on behalf of {@code source},
   * and records what it did as one change: the live workers before and after {@code apply}, the
   * {@code settings} and the {@code restartRequired} keys. Records nothing when all three are
   * unchanged or empty. Runs on the calling thread.
   *
   * @param pool the pool that {@code apply} changes
   * @param source where the change comes from, such as {@value #SOURCE_CONFIG}
   * @param settings the settings {@code apply} changes
   * @param restartRequired the configuration keys that changed but take effect only after a restart
   * @param apply the change; what it throws is thrown, and what it changed before is recorded
   * @return the recorded change, or empty if nothing was recorded
   */
  public Optional<ThreadPoolChange> reconfigure(
      ThreadPool pool,
      String source,
      List<SettingChange> settings,
      List<String> restartRequired,
      Runnable apply) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(restartRequired, "restartRequired");
    WorkersChange workers = new WorkersChange(pool, pool.workerCount());
    int previousCapacity = pool.requestQueueCapacity();
    Origin origin = new Origin(Objects.requireNonNull(source, "source"), null, workers);
    ThreadPoolChange recorded = null;
    try {
      if (observed.contains(pool)) {
        runAs(origin, apply);
      } else {
        try {
          apply.run();
        } finally {
          workers.changed(pool.workerCount());
        }
      }
    } finally {
      int currentCapacity = pool.requestQueueCapacity();
      boolean capacityChanged = currentCapacity != previousCapacity;
      if (workers.previous != workers.current
          || capacityChanged
          || !settings.isEmpty()
          || !restartRequired.isEmpty()) {
        recorded =
            new ThreadPoolChange(
                pool.name(),
                workers.previous,
                workers.current,
                source,
                null,
                clock.instant(),
                capacityChanged ? previousCapacity : null,
                capacityChanged ? currentCapacity : null,
                settings,
                restartRequired,
                null);
        publish(pool, recorded);
      }
    }
    return Optional.ofNullable(recorded);
  }

  /**
   * Records that a change of {@code pool} was refused and nothing changed.
   *
   * @param pool the pool that was to change
   * @param source where the refused change came from, such as {@value #SOURCE_CONFIG}
   * @param reason why it was refused, naming the key, the value and the allowed range
   * @return the recorded change
   */
  public ThreadPoolChange refuse(ThreadPool pool, String source, String reason) {
    Objects.requireNonNull(pool, "pool");
    int workers = pool.workerCount();
    ThreadPoolChange change =
        new ThreadPoolChange(
            pool.name(),
            workers,
            workers,
            Objects.requireNonNull(source, "source"),
            null,
            clock.instant(),
            null,
            null,
            List.of(),
            List.of(),
            Objects.requireNonNull(reason, "reason"));
    publish(pool, change);
    return change;
  }

  private static void runAs(Origin origin, Runnable change) {
    Origin outer = ORIGIN.get();
    ORIGIN.set(origin);
    try {
      change.run();
    } finally {
      if (outer == null) {
        ORIGIN.remove();
      } else {
        ORIGIN.set(outer);
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
    publish(
        pool,
        new ThreadPoolChange(
            pool.name(), previous, current, by.source(), by.principal(), clock.instant()));
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

  /**
   * Who is changing pools on the current thread; {@code workers}, when present, collects the worker
   * changes of its pool into one record instead of recording each.
   */
  private record Origin(
      String source, @Nullable String principal, @Nullable WorkersChange workers) {}

  /** The live workers before and after a reconfiguration, collected on the changing thread. */
  private static final class WorkersChange {
    final ThreadPool pool;
    final int previous;
    int current;

    WorkersChange(ThreadPool pool, int previous) {
      this.pool = pool;
      this.previous = previous;
      this.current = previous;
    }

    void changed(int currentWorkers) {
      current = currentWorkers;
    }
  }
}
