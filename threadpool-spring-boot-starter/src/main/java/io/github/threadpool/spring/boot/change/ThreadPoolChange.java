package io.github.threadpool.spring.boot.change;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a pool's number of live workers.
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
 */
public record ThreadPoolChange(
    String pool,
    int previousWorkers,
    int currentWorkers,
    String source,
    @Nullable String principal,
    Instant time) {

  /** Checks that the required components are present. */
  public ThreadPoolChange {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
  }
}
