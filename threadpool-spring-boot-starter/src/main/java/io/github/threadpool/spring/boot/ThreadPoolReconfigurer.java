package io.github.threadpool.spring.boot;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChange.SettingChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Applies the application's current {@code threadpool.*} configuration to the running pools the
 * starter built (the default pool and the named ones; never a {@code ThreadPool} bean of the
 * application's own). Spring Cloud's {@code EnvironmentChangeEvent} triggers it when {@code
 * spring-cloud-context} is present; anything else that changes the {@link Environment} may call
 * {@link #reconfigure()} itself.
 *
 * <p>{@link #reconfigure()} binds the {@code threadpool.*} keys anew and validates them exactly as
 * at start-up. An invalid configuration changes nothing: it is logged at ERROR with the key, the
 * value and the allowed range, and recorded as refused for every pool. A valid one is compared,
 * pool by pool, with the settings the pool runs with:
 *
 * <ul>
 *   <li>{@code max-workers} applies at once: it bounds the endpoint's resizes from now on, and a
 *       pool with more live workers than the new maximum is resized down to it;
 *   <li>{@code workers} resizes the pool to the new value, whatever size an earlier resize (through
 *       the endpoint or the API) left it at: a later configuration change wins. A pool's live size
 *       is left alone while its configured {@code workers} does not change;
 *   <li>{@code request-queue-capacity} applies at once ({@link
 *       ThreadPool#setRequestQueueCapacity(int)}): growing it wakes waiting puts, shrinking it
 *       keeps every queued request;
 *   <li>every other key ({@code result-queue-capacity}, {@code poll-timeout}, {@code
 *       thread-name-prefix}, {@code daemon}, {@code shutdown.await-termination-period}, a named
 *       pool added or removed, {@code context-propagation.enabled}) takes effect only when the
 *       application restarts: it is logged at WARN and listed in the record's {@code
 *       restartRequired}, at every reconfiguration until the restart.
 * </ul>
 *
 * <p>Each pool's change is recorded once by the {@link ThreadPoolChangeRecorder}, with the source
 * {@value ThreadPoolChangeRecorder#SOURCE_CONFIG}: an event, an audit event when auditing is on,
 * and the pool's last change. Calls are serialized.
 */
public final class ThreadPoolReconfigurer {

  private static final Log logger = LogFactory.getLog(ThreadPoolReconfigurer.class);

  /** The longest part of a value that cannot be read which a message repeats. */
  private static final int SHOWN_VALUE_LENGTH = 20;

  private final Environment environment;
  private final ThreadPoolFactory factory;
  private final ThreadPoolChangeRecorder recorder;
  private final SlowWorkDetectors detectors;

  /** The named pools configured at start-up: adding or removing one needs a restart. */
  private final Set<String> startupPools;

  private final boolean startupContextPropagation;

  ThreadPoolReconfigurer(
      Environment environment,
      ThreadPoolProperties startup,
      ThreadPoolFactory factory,
      ThreadPoolChangeRecorder recorder,
      SlowWorkDetectors detectors) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.detectors = Objects.requireNonNull(detectors, "detectors");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.startupPools = Set.copyOf(startup.getPools().keySet());
    this.startupContextPropagation = startup.getContextPropagation().isEnabled();
  }

  /**
   * Binds the {@code threadpool.*} keys from the environment as it is now, validates them and
   * applies them to the running pools the starter built. Blocks while another call runs; runs the
   * changes, and the listeners of the recorded events, on the calling thread.
   *
   * @return the recorded changes, one per pool that changed or was refused, in the order of the
   *     pools' names; empty when the configuration of no running pool changed
   */
  public synchronized List<ThreadPoolChange> reconfigure() {
    List<ThreadPool> pools =
        factory.pools().stream()
            .filter(pool -> !pool.isShutdown())
            .sorted(Comparator.comparing(ThreadPool::name))
            .toList();
    ThreadPoolProperties configured;
    try {
      configured = bindAndValidate();
    } catch (InvalidConfiguration invalid) {
      return refuse(pools, String.valueOf(invalid.getMessage()));
    }
    List<String> global = globalRestartKeys(configured);
    ThreadPool globalHolder = globalHolder(pools);
    List<ThreadPoolChange> changes = new ArrayList<>();
    for (ThreadPool pool : pools) {
      ThreadPoolSettings running = factory.settings(pool).orElse(null);
      if (running == null) {
        continue;
      }
      List<String> restart = new ArrayList<>();
      if (pool == globalHolder) {
        restart.addAll(global);
      }
      ThreadPoolChange change = apply(pool, running, configured, restart);
      if (change != null) {
        changes.add(change);
      }
    }
    if (globalHolder == null && !global.isEmpty()) {
      logRestart("", global);
    }
    return List.copyOf(changes);
  }

  /**
   * Binds and validates the {@code threadpool.*} keys as at start-up, with the properties' own
   * {@link org.springframework.validation.Validator}. The one place where a new configuration is
   * checked.
   *
   * @throws InvalidConfiguration naming each key whose value is invalid
   */
  private ThreadPoolProperties bindAndValidate() {
    ThreadPoolProperties properties = new ThreadPoolProperties();
    properties.setEnvironment(environment);
    try {
      Binder.get(environment)
          .bind(
              ThreadPoolProperties.PREFIX,
              Bindable.ofInstance(properties),
              new ValidationBindHandler(properties));
    } catch (BindException failure) {
      if (failure.getCause() instanceof BindValidationException invalid) {
        throw outOfRange(invalid);
      }
      throw unreadable(failure);
    }
    return properties;
  }

  /** Turns the validation errors into one exception: each key, the range, its value. */
  private static InvalidConfiguration outOfRange(BindValidationException invalid) {
    List<String> messages = new ArrayList<>();
    for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
      messages.add(
          error instanceof FieldError field
              ? field.getObjectName() + "." + field.getField() + " " + field.getDefaultMessage()
              : String.valueOf(error.getDefaultMessage()));
    }
    return new InvalidConfiguration(String.join("; ", messages));
  }

  /** Turns a value that cannot be converted into a message with the key, a prefix and the type. */
  private static InvalidConfiguration unreadable(BindException failure) {
    ConfigurationProperty property = failure.getProperty();
    String key = property != null ? property.getName().toString() : failure.getName().toString();
    String value = property != null ? String.valueOf(property.getValue()) : "?";
    if (value.length() > SHOWN_VALUE_LENGTH) {
      value = value.substring(0, SHOWN_VALUE_LENGTH) + "…";
    }
    return new InvalidConfiguration(
        key
            + " must be "
            + allowedFor(failure.getTarget().getType().resolve())
            + ", was '"
            + value
            + "'");
  }

  private static String allowedFor(@Nullable Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 500ms or 5s";
    }
    return "a valid value";
  }

  private List<ThreadPoolChange> refuse(List<ThreadPool> pools, String reason) {
    logger.error(
        "Refused the changed thread pool configuration; every pool keeps running as it was: "
            + reason);
    List<ThreadPoolChange> changes = new ArrayList<>();
    for (ThreadPool pool : pools) {
      changes.add(recorder.refuse(pool, ThreadPoolChangeRecorder.SOURCE_CONFIG, reason));
    }
    return List.copyOf(changes);
  }

  /** The keys that concern no single pool and changed since start-up. */
  private List<String> globalRestartKeys(ThreadPoolProperties configured) {
    Set<String> keys = new LinkedHashSet<>();
    for (String name : configured.getPools().keySet()) {
      if (!startupPools.contains(name)) {
        keys.add(ThreadPoolProperties.PREFIX + ".pools." + name);
      }
    }
    if (configured.getContextPropagation().isEnabled() != startupContextPropagation) {
      keys.add(ThreadPoolProperties.PREFIX + ".context-propagation.enabled");
    }
    return List.copyOf(keys);
  }

  /** The pool whose record lists the keys that concern no single pool: the default pool. */
  private static @Nullable ThreadPool globalHolder(List<ThreadPool> pools) {
    return pools.stream()
        .filter(pool -> pool.name().equals(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME))
        .findFirst()
        .orElse(pools.isEmpty() ? null : pools.get(0));
  }

  private @Nullable ThreadPoolChange apply(
      ThreadPool pool,
      ThreadPoolSettings running,
      ThreadPoolProperties configured,
      List<String> restart) {
    String name = pool.name();
    boolean named = !name.equals(ThreadPoolAutoConfiguration.DEFAULT_POOL_NAME);
    if (named && !configured.getPools().containsKey(name)) {
      // Removed from the configuration: the pool runs as it is until the restart.
      restart.add(ThreadPoolProperties.PREFIX + ".pools." + name);
      return record(pool, List.of(), restart, running, running, null, null, null);
    }
    ThreadPoolSettings target = configured.settings(name);
    List<SettingChange> settings = new ArrayList<>();
    if (target.maxWorkers() != running.maxWorkers()) {
      settings.add(setting("max-workers", running.maxWorkers(), target.maxWorkers()));
    }
    Integer resizeTo = null;
    if (target.workers() != running.workers()) {
      settings.add(setting("workers", running.workers(), target.workers()));
      resizeTo = target.workers();
    } else if (pool.workerCount() > target.maxWorkers()) {
      resizeTo = target.maxWorkers();
    }
    Integer capacity = null;
    if (target.requestQueueCapacity() != running.requestQueueCapacity()) {
      settings.add(
          setting(
              "request-queue-capacity",
              running.requestQueueCapacity(),
              target.requestQueueCapacity()));
      capacity = target.requestQueueCapacity();
    }
    String prefix = target.keyPrefix();
    restartIfChanged(
        restart,
        prefix + "result-queue-capacity",
        running.resultQueueCapacity(),
        target.resultQueueCapacity());
    restartIfChanged(restart, prefix + "poll-timeout", running.pollTimeout(), target.pollTimeout());
    restartIfChanged(
        restart,
        prefix + "thread-name-prefix",
        running.threadNamePrefix(),
        target.threadNamePrefix());
    restartIfChanged(restart, prefix + "daemon", running.daemon(), target.daemon());
    restartIfChanged(
        restart,
        prefix + "shutdown.await-termination-period",
        running.awaitTerminationPeriod(),
        target.awaitTerminationPeriod());
    // The slow-work timeouts change live on the pool's detector; a pool built without one (no
    // Micrometer and no timeout at start) has nothing to change them on until a restart.
    SlowWorkDetector detector = detectors.find(pool).orElse(null);
    boolean timeoutsChanged =
        !Objects.equals(running.queueTimeout(), target.queueTimeout())
            || !Objects.equals(running.runTimeout(), target.runTimeout())
            || running.runTimeoutInterrupt() != target.runTimeoutInterrupt();
    boolean timeoutsLive = detector != null;
    if (timeoutsChanged && timeoutsLive) {
      if (!Objects.equals(running.queueTimeout(), target.queueTimeout())) {
        settings.add(setting("queue-timeout", running.queueTimeout(), target.queueTimeout()));
      }
      if (!Objects.equals(running.runTimeout(), target.runTimeout())) {
        settings.add(setting("run-timeout", running.runTimeout(), target.runTimeout()));
      }
      if (running.runTimeoutInterrupt() != target.runTimeoutInterrupt()) {
        settings.add(
            setting(
                "run-timeout-interrupt",
                running.runTimeoutInterrupt(),
                target.runTimeoutInterrupt()));
      }
    } else {
      restartIfChanged(
          restart, prefix + "queue-timeout", running.queueTimeout(), target.queueTimeout());
      restartIfChanged(restart, prefix + "run-timeout", running.runTimeout(), target.runTimeout());
      restartIfChanged(
          restart,
          prefix + "run-timeout-interrupt",
          running.runTimeoutInterrupt(),
          target.runTimeoutInterrupt());
    }
    SlowWorkDetector retime = timeoutsChanged ? detector : null;
    // What the pool runs with from now on: the keys applied live, the others as they were.
    ThreadPoolSettings now =
        new ThreadPoolSettings(
            name,
            running.keyPrefix(),
            target.workers(),
            target.maxWorkers(),
            target.requestQueueCapacity(),
            running.resultQueueCapacity(),
            running.pollTimeout(),
            running.threadNamePrefix(),
            running.daemon(),
            running.awaitTerminationPeriod(),
            timeoutsLive ? target.queueTimeout() : running.queueTimeout(),
            timeoutsLive ? target.runTimeout() : running.runTimeout(),
            timeoutsLive ? target.runTimeoutInterrupt() : running.runTimeoutInterrupt());
    return record(pool, settings, restart, running, now, capacity, resizeTo, retime);
  }

  private @Nullable ThreadPoolChange record(
      ThreadPool pool,
      List<SettingChange> settings,
      List<String> restart,
      ThreadPoolSettings running,
      ThreadPoolSettings now,
      @Nullable Integer capacity,
      @Nullable Integer resizeTo,
      @Nullable SlowWorkDetector retime) {
    if (settings.isEmpty() && restart.isEmpty() && resizeTo == null) {
      return null;
    }
    ThreadPoolChange change;
    try {
      change =
          recorder
              .reconfigure(
                  pool,
                  ThreadPoolChangeRecorder.SOURCE_CONFIG,
                  settings,
                  restart,
                  () -> {
                    factory.reconfigured(pool, now);
                    try {
                      if (capacity != null) {
                        pool.setRequestQueueCapacity(capacity);
                      }
                      if (resizeTo != null) {
                        pool.resize(resizeTo);
                      }
                      if (retime != null) {
                        retime.setQueueTimeout(now.queueTimeout());
                        retime.setRunTimeout(now.runTimeout());
                        retime.setInterruptOnRunTimeout(now.runTimeoutInterrupt());
                      }
                    } catch (IllegalStateException shutDown) {
                      // Shut down meanwhile: the pool keeps the settings it had.
                      factory.reconfigured(pool, running);
                      throw shutDown;
                    }
                  })
              .orElse(null);
    } catch (RuntimeException failure) {
      // The pool was shut down meanwhile, or a listener of the recorded change threw: the other
      // pools are reconfigured all the same.
      logger.warn(
          "Thread pool '"
              + pool.name()
              + "': its new configuration was not applied or not recorded in full",
          failure);
      return null;
    }
    if (change != null) {
      log(change);
    }
    return change;
  }

  private static void log(ThreadPoolChange change) {
    if (!change.settings().isEmpty() || change.previousWorkers() != change.currentWorkers()) {
      logger.info(
          "Thread pool '"
              + change.pool()
              + "' follows the configuration: "
              + change.settings().stream()
                  .map(s -> s.name() + " " + s.previous() + " -> " + s.current())
                  .collect(Collectors.joining(", "))
              + (change.settings().isEmpty() ? "" : "; ")
              + "live workers "
              + change.previousWorkers()
              + " -> "
              + change.currentWorkers());
    }
    if (!change.restartRequired().isEmpty()) {
      logRestart(change.pool(), change.restartRequired());
    }
  }

  private static void logRestart(String pool, List<String> keys) {
    logger.warn(
        (pool.isEmpty() ? "" : "Thread pool '" + pool + "': ")
            + "changed in the configuration, taking effect only when the application restarts: "
            + String.join(", ", keys));
  }

  private static SettingChange setting(
      String name, @Nullable Object previous, @Nullable Object current) {
    return new SettingChange(name, text(previous), text(current));
  }

  /** A value as a change record shows it; an unset timeout is "off". */
  private static String text(@Nullable Object value) {
    return value == null ? "off" : String.valueOf(value);
  }

  private static void restartIfChanged(
      List<String> restart, String key, @Nullable Object running, @Nullable Object configured) {
    if (!Objects.equals(running, configured)) {
      restart.add(key);
    }
  }

  /** A configuration that cannot be applied, with the message that says why. */
  private static final class InvalidConfiguration extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidConfiguration(String message) {
      super(message, null, false, false);
    }
  }
}
