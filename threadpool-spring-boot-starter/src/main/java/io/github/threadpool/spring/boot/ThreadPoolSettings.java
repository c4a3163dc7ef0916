package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The effective settings of one auto-configured pool, after a named pool's keys have fallen back to
 * the top-level ones.
 *
 * @param name the pool's name
 * @param keyPrefix the prefix of the pool's keys, {@code threadpool.} or {@code
 *     threadpool.pools.<name>.}, for messages
 * @param queueTimeout how long work may wait in the queue before it is reported; {@code null} or
 *     zero: no limit
 * @param runTimeout how long work may run before it is reported; {@code null} or zero: no limit
 * @param runTimeoutInterrupt whether work running past {@code runTimeout} is interrupted
 */
record ThreadPoolSettings(
    String name,
    String keyPrefix,
    int workers,
    int maxWorkers,
    int requestQueueCapacity,
    int resultQueueCapacity,
    Duration pollTimeout,
    String threadNamePrefix,
    boolean daemon,
    Duration awaitTerminationPeriod,
    @Nullable Duration queueTimeout,
    @Nullable Duration runTimeout,
    boolean runTimeoutInterrupt) {

  /**
   * Checks the values, in the order the keys are documented.
   *
   * @return the values out of range, each with its full key; empty when every value is valid
   */
  List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    if (maxWorkers < 1) {
      violations.add(violation("max-workers", maxWorkers, "a number >= 1"));
    } else if (workers < 0 || workers > maxWorkers) {
      violations.add(
          violation(
              "workers", workers, "0.." + maxWorkers + " (0 to " + keyPrefix + "max-workers)"));
    }
    if (requestQueueCapacity < 0) {
      violations.add(
          violation(
              "request-queue-capacity", requestQueueCapacity, "a number >= 0 (0: unbounded)"));
    }
    if (resultQueueCapacity < 0) {
      violations.add(
          violation("result-queue-capacity", resultQueueCapacity, "a number >= 0 (0: unbounded)"));
    }
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      violations.add(violation("poll-timeout", pollTimeout, "a positive duration"));
    }
    if (awaitTerminationPeriod.isNegative()) {
      violations.add(
          violation(
              "shutdown.await-termination-period", awaitTerminationPeriod, "a duration >= 0"));
    }
    if (queueTimeout != null && queueTimeout.isNegative()) {
      violations.add(
          violation("queue-timeout", queueTimeout, "a duration >= 0 (0 or unset: no limit)"));
    }
    if (runTimeout != null && runTimeout.isNegative()) {
      violations.add(
          violation("run-timeout", runTimeout, "a duration >= 0 (0 or unset: no limit)"));
    }
    return violations;
  }

  private Violation violation(String key, Object value, String allowed) {
    return new Violation(keyPrefix + key, key, value, allowed, null);
  }

  /**
   * A value out of range.
   *
   * @param key the full key, such as {@code threadpool.pools.io.workers}
   * @param name the key relative to the pool's prefix, such as {@code workers}
   * @param value the bound value
   * @param allowed the allowed range, in words
   * @param inheritedFrom the top-level key whose value a named pool inherits because it does not
   *     set {@code key}; {@code null} when {@code key} holds the value itself
   */
  record Violation(
      String key, String name, Object value, String allowed, @Nullable String inheritedFrom) {

    /** Returns this violation of a value that the pool inherits from {@code topLevelKey}. */
    Violation inheritedFrom(String topLevelKey) {
      return new Violation(key, name, value, allowed, topLevelKey);
    }

    /** Returns the key whose value is out of range: {@code inheritedFrom}, else {@code key}. */
    String sourceKey() {
      return inheritedFrom != null ? inheritedFrom : key;
    }

    /**
     * Returns why the value is refused, without the key: {@code must be 0..4 (0 to
     * threadpool.max-workers), was 10}, and whence an inherited value comes.
     */
    String reason() {
      return "must be "
          + allowed
          + ", was "
          + shown(value)
          + (inheritedFrom != null ? " (inherited from " + inheritedFrom + ")" : "");
    }

    /** Returns the key and the reason: {@code threadpool.workers must be 0..4 (…), was 10}. */
    String message() {
      return key + " " + reason();
    }

    /** Shows a duration in milliseconds, the way such a property can be written. */
    static String shown(Object value) {
      return value instanceof Duration duration
          ? duration.toMillis() + "ms"
          : String.valueOf(value);
    }
  }

  /** Returns whether work is reported when it waits or runs too long: a timeout is set. */
  boolean detectsSlowWork() {
    return isLimit(queueTimeout) || isLimit(runTimeout);
  }

  /** Returns whether {@code timeout} limits anything: it is set and not zero. */
  static boolean isLimit(@Nullable Duration timeout) {
    return timeout != null && !timeout.isZero() && !timeout.isNegative();
  }

  /**
   * Applies these settings, the name included, to {@code builder}.
   *
   * @return the builder
   */
  ThreadPool.Builder applyTo(ThreadPool.Builder builder) {
    return builder
        .name(name)
        .workers(workers)
        .requestQueueCapacity(requestQueueCapacity)
        .resultQueueCapacity(resultQueueCapacity)
        .pollTimeout(pollTimeout)
        .threadNamePrefix(threadNamePrefix)
        .daemon(daemon);
  }
}
