package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import java.time.Duration;
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
   * @throws InvalidThreadPoolPropertyException naming the first key whose value is out of range
   */
  void validate() {
    if (maxWorkers < 1) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "max-workers", maxWorkers, "a number >= 1");
    }
    if (workers < 0 || workers > maxWorkers) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "workers",
          workers,
          "0.." + maxWorkers + " (0 to " + keyPrefix + "max-workers)");
    }
    if (requestQueueCapacity < 0) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "request-queue-capacity",
          requestQueueCapacity,
          "a number >= 0 (0: unbounded)");
    }
    if (resultQueueCapacity < 0) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "result-queue-capacity", resultQueueCapacity, "a number >= 0 (0: unbounded)");
    }
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "poll-timeout", pollTimeout, "a positive duration");
    }
    if (awaitTerminationPeriod.isNegative()) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "shutdown.await-termination-period",
          awaitTerminationPeriod,
          "a duration >= 0");
    }
    if (queueTimeout != null && queueTimeout.isNegative()) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "queue-timeout", queueTimeout, "a duration >= 0 (0 or unset: no limit)");
    }
    if (runTimeout != null && runTimeout.isNegative()) {
      throw new InvalidThreadPoolPropertyException(
          keyPrefix + "run-timeout", runTimeout, "a duration >= 0 (0 or unset: no limit)");
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
