package io.github.threadpool.spring.boot.slowwork;

import io.github.threadpool.ThreadPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The {@link SlowWorkDetector} of each pool the starter built with one, by pool: where the
 * configuration's {@code queue-timeout} and {@code run-timeout} are changed at runtime, and where
 * the meters find the counts. Holds the pools weakly. {@link #close()} stops every watchdog; the
 * auto-configuration calls it when the context closes.
 */
public class SlowWorkDetectors implements AutoCloseable {

  private final Map<ThreadPool, SlowWorkDetector> detectors =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Remembers {@code detector} as the detector of {@code pool}, replacing any earlier one.
   *
   * @param pool the pool the detector observes
   * @param detector its detector
   */
  public void register(ThreadPool pool, SlowWorkDetector detector) {
    detectors.put(
        Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(detector, "detector"));
  }

  /** Returns the detector of {@code pool}, if it has one. */
  public Optional<SlowWorkDetector> find(ThreadPool pool) {
    return Optional.ofNullable(detectors.get(pool));
  }

  /** Returns the detector of the pool named {@code poolName}, if there is one. */
  public Optional<SlowWorkDetector> find(String poolName) {
    synchronized (detectors) {
      return detectors.entrySet().stream()
          .filter(entry -> entry.getKey().name().equals(poolName))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  /** Stops every detector's watchdog. */
  @Override
  public void close() {
    List<SlowWorkDetector> all;
    synchronized (detectors) {
      all = new ArrayList<>(detectors.values());
    }
    all.forEach(SlowWorkDetector::close);
  }
}
