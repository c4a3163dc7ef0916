package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import java.time.Duration;

/**
 * The effective settings of one auto-configured pool, after a named pool's keys have fallen back to
 * the top-level ones.
 *
 * @param name the pool's name
 * @param keyPrefix the prefix of the pool's keys, {@code threadpool.} or {@code
 *     threadpool.pools.<name>.}, for messages
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
    Duration awaitTerminationPeriod) {

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
