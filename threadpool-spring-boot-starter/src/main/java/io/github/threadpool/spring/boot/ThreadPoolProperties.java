package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auto-configured {@link ThreadPool}, bound from the {@code threadpool.*}
 * properties. They are checked once bound: an invalid value fails the start-up with a message that
 * names the key, the value and the allowed range.
 */
@ConfigurationProperties(prefix = ThreadPoolProperties.PREFIX)
public class ThreadPoolProperties implements InitializingBean {

  /** The prefix of every key bound here. */
  public static final String PREFIX = "threadpool";

  /** Number of worker threads the pool starts with. */
  private int workers = 8;

  /**
   * Upper limit of the number of workers, for the start-up size and for every resize made through
   * the Actuator endpoint.
   */
  private int maxWorkers = 64;

  /** Capacity of the request queue; 0 means unbounded. */
  private int requestQueueCapacity = 0;

  /** Capacity of the result queue; 0 means unbounded, otherwise workers wait while it is full. */
  private int resultQueueCapacity = 0;

  /** How long a blocked poll waits before it checks the pool's state again (must be positive). */
  private Duration pollTimeout = Duration.ofSeconds(5); // ThreadPool.Builder.DEFAULT_POLL_TIMEOUT

  /** Prefix of the worker thread names, which are the prefix, the pool name, '-' and a number. */
  private String threadNamePrefix = "threadpool-"; // ThreadPool.Builder.DEFAULT_THREAD_NAME_PREFIX

  /** Whether worker threads are daemon threads, which do not keep the JVM alive. */
  private boolean daemon = true;

  private final Shutdown shutdown = new Shutdown();

  public int getWorkers() {
    return this.workers;
  }

  public void setWorkers(int workers) {
    this.workers = workers;
  }

  public int getMaxWorkers() {
    return this.maxWorkers;
  }

  public void setMaxWorkers(int maxWorkers) {
    this.maxWorkers = maxWorkers;
  }

  public int getRequestQueueCapacity() {
    return this.requestQueueCapacity;
  }

  public void setRequestQueueCapacity(int requestQueueCapacity) {
    this.requestQueueCapacity = requestQueueCapacity;
  }

  public int getResultQueueCapacity() {
    return this.resultQueueCapacity;
  }

  public void setResultQueueCapacity(int resultQueueCapacity) {
    this.resultQueueCapacity = resultQueueCapacity;
  }

  public Duration getPollTimeout() {
    return this.pollTimeout;
  }

  public void setPollTimeout(Duration pollTimeout) {
    this.pollTimeout = pollTimeout;
  }

  public String getThreadNamePrefix() {
    return this.threadNamePrefix;
  }

  public void setThreadNamePrefix(String threadNamePrefix) {
    this.threadNamePrefix = threadNamePrefix;
  }

  public boolean isDaemon() {
    return this.daemon;
  }

  public void setDaemon(boolean daemon) {
    this.daemon = daemon;
  }

  public Shutdown getShutdown() {
    return this.shutdown;
  }

  /**
   * Checks the bound values.
   *
   * @throws InvalidThreadPoolPropertyException naming the first key whose value is out of range
   */
  @Override
  public void afterPropertiesSet() {
    validate();
  }

  /**
   * Checks the bound values, in the order the keys are documented.
   *
   * @throws InvalidThreadPoolPropertyException naming the first key whose value is out of range
   */
  public void validate() {
    if (maxWorkers < 1) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".max-workers", maxWorkers, "a number >= 1");
    }
    if (workers < 0 || workers > maxWorkers) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".workers", workers, "0.." + maxWorkers + " (0 to " + PREFIX + ".max-workers)");
    }
    if (requestQueueCapacity < 0) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".request-queue-capacity", requestQueueCapacity, "a number >= 0 (0: unbounded)");
    }
    if (resultQueueCapacity < 0) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".result-queue-capacity", resultQueueCapacity, "a number >= 0 (0: unbounded)");
    }
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".poll-timeout", pollTimeout, "a positive duration");
    }
    Duration period = shutdown.getAwaitTerminationPeriod();
    if (period.isNegative()) {
      throw new InvalidThreadPoolPropertyException(
          PREFIX + ".shutdown.await-termination-period", period, "a duration >= 0");
    }
  }

  /**
   * Applies these settings to {@code builder}.
   *
   * @return the builder
   */
  ThreadPool.Builder applyTo(ThreadPool.Builder builder) {
    return builder
        .workers(workers)
        .requestQueueCapacity(requestQueueCapacity)
        .resultQueueCapacity(resultQueueCapacity)
        .pollTimeout(pollTimeout)
        .threadNamePrefix(threadNamePrefix)
        .daemon(daemon);
  }

  /** Settings of the pool's shutdown with the application context. */
  public static class Shutdown {

    /**
     * How long closing the context waits for queued and running work to finish before it stops the
     * rest; 0 stops at once.
     */
    private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

    public Duration getAwaitTerminationPeriod() {
      return this.awaitTerminationPeriod;
    }

    public void setAwaitTerminationPeriod(Duration awaitTerminationPeriod) {
      this.awaitTerminationPeriod = awaitTerminationPeriod;
    }
  }
}
