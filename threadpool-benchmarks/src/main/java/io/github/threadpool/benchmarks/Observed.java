package io.github.threadpool.benchmarks;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkObserver;
import io.github.threadpool.spring.boot.StarterObservers;
import io.github.threadpool.spring.boot.actuate.ThreadPoolTimers;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ThreadPool} observed as the Spring Boot starter observes a measured pool: one observer
 * that passes every event to the pool's {@link SlowWorkDetector} (both timeouts set, one minute
 * each, so that every task is tracked) and then to its {@link ThreadPoolTimers}, bound to a
 * registry that keeps histogram buckets, as {@code
 * management.metrics.distribution.percentiles-histogram.threadpool=true} makes Spring Boot do,
 * combined by the starter's own composite observer.
 */
final class Observed {

  private Observed() {}

  /** Returns an observed pool of {@code workers} workers with an unbounded queue. */
  static ThreadPool threadPool(int workers) {
    return threadPool(workers, "both");
  }

  /**
   * Returns a pool of {@code workers} workers observed by part of what the starter attaches, to
   * tell the parts' costs apart: {@code both} (as {@link #threadPool(int)}), {@code detector} (the
   * slow-work detector alone), {@code timers} (the timers alone, with histograms), {@code
   * timers-plain} (the timers alone, without histograms) or {@code empty} (an observer that does
   * nothing: the pool's own cost of tickets and events).
   */
  static ThreadPool threadPool(int workers, String observer) {
    SlowWorkDetector detector =
        new SlowWorkDetector(
            "bench-observed",
            "bench-observed-watchdog",
            event -> {},
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            false);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    boolean histograms = !observer.equals("timers-plain");
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public @Nullable DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                return histograms && id.getName().startsWith("threadpool.")
                    ? DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .build()
                        .merge(config)
                    : config;
              }
            });
    ThreadPoolTimers timers = new ThreadPoolTimers();
    timers.bindTo(registry, Tags.of("name", "bench-observed"));
    WorkObserver chosen =
        switch (observer) {
          case "both" -> StarterObservers.both(detector, timers);
          case "detector" -> detector;
          case "timers", "timers-plain" -> timers;
          case "empty" -> new WorkObserver() {};
          default -> throw new IllegalArgumentException("unknown observer " + observer);
        };
    if (!observer.equals("both") && !observer.equals("detector")) {
      detector.close();
    }
    return ThreadPool.builder()
        .workers(workers)
        .name("bench-observed")
        .observer(chosen)
        .listener(detector)
        .build();
  }
}
