package io.github.threadpool.spring.boot.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change of a pool: of its number of live workers, of its settings, or a change of the
 * configuration that was refused.
 *
 * @param pool the pool's name
 * @param previousWorkers live workers before the change
 * @param currentWorkers live workers after the change
 * @param source where the change came from: {@value ThreadPoolChangeRecorder#SOURCE_ENDPOINT} (the
 *     Actuator endpoint), {@value ThreadPoolChangeRecorder#SOURCE_API} (a call of the pool's
 *     methods in the application) or {@value ThreadPoolChangeRecorder#SOURCE_CONFIG} (a change of
 *     the application's configuration)
 * @param principal the name of the authenticated user who made the change, or {@code null} when not
 *     known
 * @param time when the change was made
 * @param previousRequestQueueCapacity the request queue's capacity before a change of it ({@code
 *     0}: unbounded), or {@code null} when the change left it as it was
 * @param currentRequestQueueCapacity the request queue's capacity after a change of it, or {@code
 *     null} when the change left it as it was
 * @param settings the settings that changed, in the order they were applied; empty when only the
 *     number of workers changed
 * @param restartRequired the configuration keys whose new values take effect only when the
 *     application restarts, such as {@code threadpool.daemon}; empty when there are none
 * @param refused why the change was refused, naming the key, the value and the allowed range; then
 *     nothing changed. {@code null} when the change was made
 */
public record ThreadPoolChange(
    String pool,
    int previousWorkers,
    int currentWorkers,
    String source,
    @Nullable String principal,
    Instant time,
    @Nullable Integer previousRequestQueueCapacity,
    @Nullable Integer currentRequestQueueCapacity,
    List<SettingChange> settings,
    List<String> restartRequired,
    @Nullable String refused) {

  /** Checks that the required components are present and copies the lists. */
  public ThreadPoolChange {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    settings = List.copyOf(settings);
    restartRequired = List.copyOf(restartRequired);
  }

  /** Creates the record of a change of the number of live workers only. */
  public ThreadPoolChange(
      String pool,
      int previousWorkers,
      int currentWorkers,
      String source,
      @Nullable String principal,
      Instant time) {
    this(pool, previousWorkers, currentWorkers, source, principal, time, null, null);
  }

  /** Creates the record of a change of the number of live workers or of the queue's capacity. */
  public ThreadPoolChange(
      String pool,
      int previousWorkers,
      int currentWorkers,
      String source,
      @Nullable String principal,
      Instant time,
      @Nullable Integer previousRequestQueueCapacity,
      @Nullable Integer currentRequestQueueCapacity) {
    this(
        pool,
        previousWorkers,
        currentWorkers,
        source,
        principal,
        time,
        previousRequestQueueCapacity,
        currentRequestQueueCapacity,
        List.of(),
        List.of(),
        null);
  }

  /**
   * One setting of a pool that changed.
   *
   * @param name the setting's name, as in the configuration keys: {@code workers}, {@code
   *     max-workers}, {@code request-queue-capacity}, …
   * @param previous the value before the change, as it is written in the configuration
   * @param current the value after the change, as it is written in the configuration
   */
  public record SettingChange(String name, String previous, String current) {

    /** Checks that every component is present. */
    public SettingChange {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(current, "current");
    }
  }
}
