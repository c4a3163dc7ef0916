package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolSettings.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the auto-configured {@link ThreadPool}s, bound from the {@code threadpool.*}
 * properties. The top-level keys configure the default pool and are the defaults of every named
 * pool under {@code threadpool.pools.<name>.*}, which overrides only the keys it sets.
 *
 * <p>They validate themselves ({@link Validator}): Spring Boot's binder checks them once bound, so
 * that a value out of range fails the start-up with Boot's report of the key (for a named pool,
 * {@code threadpool.pools.<name>.<key>}), the value as written, its origin (file and line) and the
 * allowed range.
 */
@ConfigurationProperties(prefix = ThreadPoolProperties.PREFIX)
public class ThreadPoolProperties implements Validator, EnvironmentAware {

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

  /**
   * How long a request or task may wait in the request queue before it is reported as slow
   * (counted, logged and published as a SlowWorkEvent); unset or 0 means no limit.
   */
  private @Nullable Duration queueTimeout;

  /**
   * How long a request or task may run on a worker before it is reported as slow (counted, logged
   * with the worker's stack and published as a SlowWorkEvent); unset or 0 means no limit.
   */
  private @Nullable Duration runTimeout;

  /** Whether the worker running a request or task past the run timeout is interrupted. */
  private boolean runTimeoutInterrupt = false;

  private final Shutdown shutdown = new Shutdown();

  /**
   * Named pools, each a ThreadPool bean injectable with @Qualifier("<name>"); every key a named
   * pool leaves unset takes the value of the top-level key.
   */
  private final Map<String, Pool> pools = new LinkedHashMap<>();

  private final ContextPropagation contextPropagation = new ContextPropagation();

  private @Nullable Environment environment;

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

  public @Nullable Duration getQueueTimeout() {
    return this.queueTimeout;
  }

  public void setQueueTimeout(@Nullable Duration queueTimeout) {
    this.queueTimeout = queueTimeout;
  }

  public @Nullable Duration getRunTimeout() {
    return this.runTimeout;
  }

  public void setRunTimeout(@Nullable Duration runTimeout) {
    this.runTimeout = runTimeout;
  }

  public boolean isRunTimeoutInterrupt() {
    return this.runTimeoutInterrupt;
  }

  public void setRunTimeoutInterrupt(boolean runTimeoutInterrupt) {
    this.runTimeoutInterrupt = runTimeoutInterrupt;
  }

  public Shutdown getShutdown() {
    return this.shutdown;
  }

  public Map<String, Pool> getPools() {
    return this.pools;
  }

  public ContextPropagation getContextPropagation() {
    return this.contextPropagation;
  }

  /**
   * Tells where the bound values come from, so that a value out of range is reported with the
   * origin of its property.
   */
  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** Validates {@code ThreadPoolProperties}: Spring Boot's binder calls it once they are bound. */
  @Override
  public boolean supports(Class<?> type) {
    return ThreadPoolProperties.class.isAssignableFrom(type);
  }

  /**
   * Checks the bound values of {@code target}, a {@code ThreadPoolProperties}: the top-level keys
   * first, in the order they are documented, then each named pool in the order it was configured.
   * Each value out of range becomes a field error on its key ({@code threadpool.workers}, {@code
   * threadpool.pools.<name>.workers}) with the value as written, the origin of its property and a
   * reason that states the allowed range. A value that a named pool inherits is reported on the
   * pool's key, with the origin of the top-level one, unless the top-level key is reported itself.
   */
  @Override
  public void validate(Object target, Errors errors) {
    for (Violation violation : ((ThreadPoolProperties) target).violations()) {
      ViolationErrors.reject(errors, violation, environment);
    }
  }

  /** Returns the values out of range, in the order {@link #validate(Object, Errors)} reports. */
  List<Violation> violations() {
    List<Violation> violations =
        new ArrayList<>(settings(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME).violations());
    for (Map.Entry<String, Pool> named : pools.entrySet()) {
      String name = named.getKey();
      if (name.isBlank() || name.equals(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME)) {
        violations.add(
            new Violation(
                PREFIX + ".pools." + name,
                "pools." + name,
                "'" + name + "'",
                "a pool name other than '"
                    + ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME
                    + "' (the top-level keys configure that pool), not blank",
                null));
        continue;
      }
      for (Violation violation : settings(name).violations()) {
        if (named.getValue().sets(violation.name())) {
          violations.add(violation);
        } else if (!reported(violations, PREFIX + "." + violation.name())) {
          violations.add(violation.inheritedFrom(PREFIX + "." + violation.name()));
        }
      }
    }
    return violations;
  }

  private static boolean reported(List<Violation> violations, String key) {
    return violations.stream().anyMatch(violation -> violation.key().equals(key));
  }

  /**
   * Returns the effective settings of the pool {@code name}: the default pool's are the top-level
   * keys; a named pool's are its own keys, each falling back to the top-level key.
   *
   * @throws IllegalArgumentException if {@code name} is neither the default pool nor a named one
   */
  ThreadPoolSettings settings(String name) {
    if (name.equals(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME)) {
      return new ThreadPoolSettings(
          name,
          PREFIX + ".",
          workers,
          maxWorkers,
          requestQueueCapacity,
          resultQueueCapacity,
          pollTimeout,
          threadNamePrefix,
          daemon,
          shutdown.getAwaitTerminationPeriod(),
          queueTimeout,
          runTimeout,
          runTimeoutInterrupt);
    }
    Pool pool = pools.get(name);
    if (pool == null) {
      throw new IllegalArgumentException("no pool named '" + name + "' is configured");
    }
    return new ThreadPoolSettings(
        name,
        PREFIX + ".pools." + name + ".",
        orElse(pool.getWorkers(), workers),
        orElse(pool.getMaxWorkers(), maxWorkers),
        orElse(pool.getRequestQueueCapacity(), requestQueueCapacity),
        orElse(pool.getResultQueueCapacity(), resultQueueCapacity),
        orElse(pool.getPollTimeout(), pollTimeout),
        orElse(pool.getThreadNamePrefix(), threadNamePrefix),
        orElse(pool.getDaemon(), daemon),
        orElse(
            pool.getShutdown().getAwaitTerminationPeriod(), shutdown.getAwaitTerminationPeriod()),
        orElseNullable(pool.getQueueTimeout(), queueTimeout),
        orElseNullable(pool.getRunTimeout(), runTimeout),
        orElse(pool.getRunTimeoutInterrupt(), runTimeoutInterrupt));
  }

  private static <T> T orElse(@Nullable T value, T inherited) {
    return value != null ? value : inherited;
  }

  private static <T> @Nullable T orElseNullable(@Nullable T value, @Nullable T inherited) {
    return value != null ? value : inherited;
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

  /**
   * Settings of one named pool. Every key left unset takes the value of the top-level key of the
   * same name.
   */
  public static class Pool {

    /** Number of worker threads the pool starts with. */
    private @Nullable Integer workers;

    /** Upper limit of the number of workers, for the start-up size and for every resize. */
    private @Nullable Integer maxWorkers;

    /** Capacity of the request queue; 0 means unbounded. */
    private @Nullable Integer requestQueueCapacity;

    /** Capacity of the result queue; 0 means unbounded. */
    private @Nullable Integer resultQueueCapacity;

    /** How long a blocked poll waits before it checks the pool's state again. */
    private @Nullable Duration pollTimeout;

    /** Prefix of the worker thread names. */
    private @Nullable String threadNamePrefix;

    /** Whether worker threads are daemon threads. */
    private @Nullable Boolean daemon;

    /** How long a request or task may wait in the request queue; 0 means no limit. */
    private @Nullable Duration queueTimeout;

    /** How long a request or task may run on a worker; 0 means no limit. */
    private @Nullable Duration runTimeout;

    /** Whether the worker running a request or task past the run timeout is interrupted. */
    private @Nullable Boolean runTimeoutInterrupt;

    private final PoolShutdown shutdown = new PoolShutdown();

    public @Nullable Integer getWorkers() {
      return this.workers;
    }

    public void setWorkers(@Nullable Integer workers) {
      this.workers = workers;
    }

    public @Nullable Integer getMaxWorkers() {
      return this.maxWorkers;
    }

    public void setMaxWorkers(@Nullable Integer maxWorkers) {
      this.maxWorkers = maxWorkers;
    }

    public @Nullable Integer getRequestQueueCapacity() {
      return this.requestQueueCapacity;
    }

    public void setRequestQueueCapacity(@Nullable Integer requestQueueCapacity) {
      this.requestQueueCapacity = requestQueueCapacity;
    }

    public @Nullable Integer getResultQueueCapacity() {
      return this.resultQueueCapacity;
    }

    public void setResultQueueCapacity(@Nullable Integer resultQueueCapacity) {
      this.resultQueueCapacity = resultQueueCapacity;
    }

    public @Nullable Duration getPollTimeout() {
      return this.pollTimeout;
    }

    public void setPollTimeout(@Nullable Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
    }

    public @Nullable String getThreadNamePrefix() {
      return this.threadNamePrefix;
    }

    public void setThreadNamePrefix(@Nullable String threadNamePrefix) {
      this.threadNamePrefix = threadNamePrefix;
    }

    public @Nullable Boolean getDaemon() {
      return this.daemon;
    }

    public void setDaemon(@Nullable Boolean daemon) {
      this.daemon = daemon;
    }

    public @Nullable Duration getQueueTimeout() {
      return this.queueTimeout;
    }

    public void setQueueTimeout(@Nullable Duration queueTimeout) {
      this.queueTimeout = queueTimeout;
    }

    public @Nullable Duration getRunTimeout() {
      return this.runTimeout;
    }

    public void setRunTimeout(@Nullable Duration runTimeout) {
      this.runTimeout = runTimeout;
    }

    public @Nullable Boolean getRunTimeoutInterrupt() {
      return this.runTimeoutInterrupt;
    }

    public void setRunTimeoutInterrupt(@Nullable Boolean runTimeoutInterrupt) {
      this.runTimeoutInterrupt = runTimeoutInterrupt;
    }

    public PoolShutdown getShutdown() {
      return this.shutdown;
    }

    /** Returns whether this pool sets {@code key} itself, such as {@code max-workers}. */
    boolean sets(String key) {
      Object value =
          switch (key) {
            case "workers" -> workers;
            case "max-workers" -> maxWorkers;
            case "request-queue-capacity" -> requestQueueCapacity;
            case "result-queue-capacity" -> resultQueueCapacity;
            case "poll-timeout" -> pollTimeout;
            case "thread-name-prefix" -> threadNamePrefix;
            case "daemon" -> daemon;
            case "queue-timeout" -> queueTimeout;
            case "run-timeout" -> runTimeout;
            case "run-timeout-interrupt" -> runTimeoutInterrupt;
            case "shutdown.await-termination-period" -> shutdown.getAwaitTerminationPeriod();
            default -> throw new IllegalArgumentException("no key '" + key + "' in a pool");
          };
      return value != null;
    }
  }

  /** Settings of a named pool's shutdown; unset keys take the top-level value. */
  public static class PoolShutdown {

    /** How long closing the context waits for queued and running work before it stops the rest. */
    private @Nullable Duration awaitTerminationPeriod;

    public @Nullable Duration getAwaitTerminationPeriod() {
      return this.awaitTerminationPeriod;
    }

    public void setAwaitTerminationPeriod(@Nullable Duration awaitTerminationPeriod) {
      this.awaitTerminationPeriod = awaitTerminationPeriod;
    }
  }

  /** Settings of the propagation of the putting thread's context to the workers. */
  public static class ContextPropagation {

    /**
     * Whether, with io.micrometer:context-propagation on the classpath, the putting thread's
     * ThreadLocal context (MDC, observation, tracing) is captured when work is put and restored on
     * the worker that runs it.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
