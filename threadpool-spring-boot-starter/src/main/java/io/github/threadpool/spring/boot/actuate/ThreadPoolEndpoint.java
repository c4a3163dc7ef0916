package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.change.ThreadPoolChangeRecorder;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code threadpool}: reads every pool, reads one pool by {@linkplain
 * ThreadPool#name() name}, resizes it and dismisses its workers.
 *
 * <table>
 *   <caption>Operations over HTTP</caption>
 *   <tr><th>operation</th><th>HTTP</th></tr>
 *   <tr><td>{@link #pools()}</td><td>{@code GET /actuator/threadpool}</td></tr>
 *   <tr><td>{@link #pool(String)}</td><td>{@code GET /actuator/threadpool/{name}}</td></tr>
 *   <tr><td>{@link #change(String, String, String, Principal)}</td><td>{@code POST
 *       /actuator/threadpool/{name}}, body {@code {"workers": N}}, {@code
 *       {"requestQueueCapacity": N}} or both</td></tr>
 *   <tr><td>{@link #dismiss(String, String, String, Principal)}</td><td>{@code DELETE
 *       /actuator/threadpool/{name}?count=N&join=false}</td></tr>
 * </table>
 *
 * <p>Every change is made through the {@link ThreadPoolChangeRecorder}, with the source {@value
 * ThreadPoolChangeRecorder#SOURCE_ENDPOINT} and the authenticated user, if any, as the principal:
 * it publishes one event per change, and a pool reads with its last change.
 *
 * <p>Its default access is read-only: the write operations need {@code
 * management.endpoint.threadpool.access=unrestricted}. Counts are taken as text and checked here,
 * so that a value outside {@code 0..maxWorkers} or not a whole number written in ASCII digits (no
 * sign, no blanks) is refused with a message naming the parameter, the value (at most its first 20
 * characters) and the range (HTTP 400) and changes nothing. Reading an unknown pool answers {@code
 * null} (HTTP 404); changing one is refused (HTTP 400), because Actuator answers a write operation
 * that returns {@code null} with 204 No Content. In a servlet application, the {@link
 * ThreadPoolEndpointRequestGuard} refuses a POST whose query string carries {@code workers} or
 * {@code requestQueueCapacity}, or whose body is not a JSON object of values, in the endpoint's
 * words: the POST takes its values from its JSON body only.
 */
@Endpoint(id = ThreadPoolEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ThreadPoolEndpoint {

  /** The endpoint's id. */
  public static final String ID = "threadpool";

  /** More digits than any int has: such a count is out of range without being parsed. */
  private static final int MAX_DIGITS = 10;

  /** The longest part of a bad value that a message quotes. */
  private static final int QUOTED_PREFIX = 20;

  private final Supplier<Stream<ThreadPool>> pools;
  private final ToIntFunction<ThreadPool> maxWorkers;
  private final Function<ThreadPool, @Nullable Integer> configuredWorkers;
  private final @Nullable ThreadPoolChangeRecorder recorder;

  /**
   * Creates an endpoint that neither knows the pools' configured sizes nor records changes.
   *
   * @param pools supplies the pools, anew for each operation; the first pool of each name is used
   * @param maxWorkers the largest worker count accepted for a pool
   */
  public ThreadPoolEndpoint(
      Supplier<Stream<ThreadPool>> pools, ToIntFunction<ThreadPool> maxWorkers) {
    this(pools, maxWorkers, pool -> null, null);
  }

  /**
   * Creates the endpoint.
   *
   * @param pools supplies the pools, anew for each operation; the first pool of each name is used
   * @param maxWorkers the largest worker count accepted for a pool
   * @param configuredWorkers the number of workers a pool was configured to start with, or {@code
   *     null} when not known
   * @param recorder records the changes made through the endpoint, or {@code null} to record none
   */
  public ThreadPoolEndpoint(
      Supplier<Stream<ThreadPool>> pools,
      ToIntFunction<ThreadPool> maxWorkers,
      Function<ThreadPool, @Nullable Integer> configuredWorkers,
      @Nullable ThreadPoolChangeRecorder recorder) {
    this.pools = Objects.requireNonNull(pools, "pools");
    this.maxWorkers = Objects.requireNonNull(maxWorkers, "maxWorkers");
    this.configuredWorkers = Objects.requireNonNull(configuredWorkers, "configuredWorkers");
    this.recorder = recorder;
  }

  /** Describes every pool, by name. */
  @ReadOperation
  public ThreadPoolsDescriptor pools() {
    Map<String, ThreadPoolDescriptor> descriptors = new LinkedHashMap<>();
    pools.get().forEach(pool -> descriptors.putIfAbsent(pool.name(), describe(pool)));
    return new ThreadPoolsDescriptor(descriptors);
  }

  /**
   * Describes one pool.
   *
   * @param name the pool's name
   * @return the pool's descriptor, or {@code null} (HTTP 404) if there is no pool of that name
   */
  @ReadOperation
  public @Nullable ThreadPoolDescriptor pool(@Selector String name) {
    ThreadPool pool = find(name);
    return pool != null ? describe(pool) : null;
  }

  /**
   * Creates or dismisses workers so that {@code workers} are live, as {@link
   * ThreadPool#resize(int)} does; does not wait for dismissed workers to exit.
   *
   * @param name the pool's name
   * @param workers the new number of live workers, a whole number in {@code 0..maxWorkers}
   * @param principal the authenticated user, recorded with the change; {@code null} if none
   * @return the pool after the change
   * @throws InvalidEndpointRequestException (HTTP 400) if there is no pool of that name, {@code
   *     workers} is not a whole number in range, or the pool is shut down
   */
  public ThreadPoolDescriptor resize(String name, String workers, @Nullable Principal principal) {
    return change(name, workers, null, principal);
  }

  /**
   * Changes the number of live workers, as {@link ThreadPool#resize(int)} does (without waiting for
   * dismissed workers to exit), the capacity of the request queue, as {@link
   * ThreadPool#setRequestQueueCapacity(int)} does, or both. Both values are checked before either
   * is applied, so a refused request changes nothing.
   *
   * @param name the pool's name
   * @param workers the new number of live workers, a whole number in {@code 0..maxWorkers}, or
   *     {@code null} to leave them
   * @param requestQueueCapacity the new capacity of the request queue, a whole number {@code >= 0}
   *     ({@code 0}: unbounded), or {@code null} to leave it
   * @param principal the authenticated user, recorded with the change; {@code null} if none
   * @return the pool after the change
   * @throws InvalidEndpointRequestException (HTTP 400) if there is no pool of that name, neither
   *     value is given, a value is not a whole number in range, or workers must be created in a
   *     pool that is shut down
   */
  @WriteOperation
  @SuppressWarnings("deprecation") // Spring's @Nullable marks the optional parameter for Boot 3.x
  public ThreadPoolDescriptor change(
      @Selector String name,
      @org.springframework.lang.Nullable @Nullable String workers,
      @org.springframework.lang.Nullable @Nullable String requestQueueCapacity,
      @org.springframework.lang.Nullable @Nullable Principal principal) {
    ThreadPool pool = existing(name);
    if (workers == null && requestQueueCapacity == null) {
      throw invalid("workers or requestQueueCapacity must be given");
    }
    Integer count =
        workers != null ? parseCount("workers", workers, maxWorkers.applyAsInt(pool)) : null;
    Integer capacity =
        requestQueueCapacity != null
            ? parseCount("requestQueueCapacity", requestQueueCapacity, Integer.MAX_VALUE)
            : null;
    try {
      change(
          pool,
          principal,
          () -> {
            if (count != null) {
              pool.resize(count);
            }
            if (capacity != null) {
              pool.setRequestQueueCapacity(capacity);
            }
          });
    } catch (IllegalStateException shutDown) {
      throw invalid("cannot resize pool '" + name + "': it is shut down");
    }
    return describe(pool);
  }

  /**
   * Dismisses the newest {@code count} live workers, as {@link ThreadPool#dismissWorkers(int,
   * boolean)} does: each finishes its running job, if any, and then exits.
   *
   * @param name the pool's name
   * @param count how many workers to dismiss, a whole number in {@code 0..maxWorkers}
   * @param join {@code true} to wait until the dismissed workers have exited, {@code false} (the
   *     default) not to; waiting lasts as long as their running jobs
   * @param principal the authenticated user, recorded with the change; {@code null} if none
   * @return the pool after the change
   * @throws InvalidEndpointRequestException (HTTP 400) if there is no pool of that name, {@code
   *     count} is not a whole number in range, or {@code join} is neither {@code true} nor {@code
   *     false}
   */
  @DeleteOperation
  @SuppressWarnings("deprecation") // Spring's @Nullable marks the optional parameter for Boot 3.x
  public ThreadPoolDescriptor dismiss(
      @Selector String name,
      String count,
      @org.springframework.lang.Nullable @Nullable String join,
      @org.springframework.lang.Nullable @Nullable Principal principal) {
    ThreadPool pool = existing(name);
    int dismissals = parseCount("count", count, maxWorkers.applyAsInt(pool));
    boolean wait = parseJoin(join);
    change(pool, principal, () -> pool.dismissWorkers(dismissals, wait));
    return describe(pool);
  }

  private void change(ThreadPool pool, @Nullable Principal principal, Runnable change) {
    if (recorder == null) {
      change.run();
    } else {
      String user = principal != null ? principal.getName() : null;
      recorder.change(pool, ThreadPoolChangeRecorder.SOURCE_ENDPOINT, user, change);
    }
  }

  private @Nullable ThreadPool find(String name) {
    return pools.get().filter(pool -> pool.name().equals(name)).findFirst().orElse(null);
  }

  /** Finds a pool to change; Actuator answers a write that returns null with 204, so refuse. */
  private ThreadPool existing(String name) {
    ThreadPool pool = find(name);
    if (pool == null) {
      throw invalid("no thread pool named " + quote(name));
    }
    return pool;
  }

  private ThreadPoolDescriptor describe(ThreadPool pool) {
    return ThreadPoolDescriptor.of(
        pool,
        maxWorkers.applyAsInt(pool),
        configuredWorkers.apply(pool),
        recorder != null ? recorder.lastChange(pool).orElse(null) : null);
  }

  /**
   * Parses a count: ASCII digits only, as a JSON number or the query parameter is written (no sign,
   * no blanks, no other digits), in {@code 0..max}.
   */
  static int parseCount(String parameter, String value, int max) {
    long count = -1;
    if (!value.isEmpty() && value.length() <= MAX_DIGITS && isAsciiDigits(value)) {
      count = Long.parseLong(value);
    }
    if (count < 0 || count > max) {
      String range = max == Integer.MAX_VALUE ? " >= 0" : " in 0.." + max;
      throw invalid(parameter + " must be a whole number" + range + ", was " + quote(value));
    }
    return (int) count;
  }

  private static boolean parseJoin(@Nullable String join) {
    if (join == null || join.equals("false")) {
      return false;
    }
    if (join.equals("true")) {
      return true;
    }
    throw invalid("join must be true or false, was " + quote(join));
  }

  private static boolean isAsciiDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Quotes a value for a message: whole if it is short, otherwise its first 20 characters and its
   * length, so that an answer never echoes a huge value.
   */
  static String quote(String value) {
    if (value.length() <= QUOTED_PREFIX) {
      return "'" + value + "'";
    }
    return "'" + value.substring(0, QUOTED_PREFIX) + "...' (" + value.length() + " characters)";
  }

  private static InvalidEndpointRequestException invalid(String message) {
    return new InvalidEndpointRequestException(message, message);
  }
}
