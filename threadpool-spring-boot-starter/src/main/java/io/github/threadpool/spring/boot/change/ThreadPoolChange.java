package io.github.threadpool.spring.boot.change;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a pool's number of live workers or of its request queue's capacity.
 *
 * @param pool the pool's name
 * @param previousWorkers live workers before the change
 * @param currentWorkers live workers after the change
 * @param source where the change came from: {@value ThreadPoolChangeRecorder#SOURCE_ENDPOINT} (the
 *     Actuator endpoint) or {@value ThreadPoolChangeRecorder#SOURCE_API} (a call of the pool's
 *     methods in the application)
 * @param principal the name of the authenticated user who made the change, or {@code null} when not
 *     known
 * @param time when the change was made
 * @param previousRequestQueueCapacity the request queue's capacity before a change of it ({@code
 *     0}: unbounded), or {@code null} when the change is one of the workers
 * @param currentRequestQueueCapacity the request queue's capacity after a change of it, or {@code
 *     null} when the change is one of the workers
 */
public record ThreadPoolChange(
    String pool,
    int previousWorkers,
    int currentWorkers,
    String source,
    @Nullable String principal,
    Instant time,
    @Nullable Integer previousRequestQueueCapacity,
    @Nullable Integer currentRequestQueueCapacity) {

  /** Creates a change of the pool's live workers. */
  public ThreadPoolChange(
      String pool,
      int previousWorkers,
      int currentWorkers,
      String source,
      @Nullable String principal,
      Instant time) {
    this(pool, previousWorkers, currentWorkers, source, principal, time, null, null);
  }

  /** Checks that the required components are present. */
  public ThreadPoolChange {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
  }
}
