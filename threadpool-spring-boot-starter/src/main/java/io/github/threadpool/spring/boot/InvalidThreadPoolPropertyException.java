package io.github.threadpool.spring.boot;

import java.time.Duration;

/**
 * Thrown at start-up when a {@code threadpool.*} property that is read before the properties are
 * bound (such as {@code threadpool.cluster.pool}, which decides which beans exist) is invalid.
 * {@link ThreadPoolPropertiesFailureAnalyzer} turns it into the start-up failure report. The bound
 * properties are checked by Spring Boot's binder instead ({@link ThreadPoolProperties} is its own
 * {@code Validator}).
 */
public class InvalidThreadPoolPropertyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String allowed;

  /**
   * Creates an exception for one property.
   *
   * @param key the full property key, such as {@code threadpool.workers}
   * @param value the bound value; a duration is shown in milliseconds
   * @param allowed the allowed range, in words, such as {@code 0..64}
   */
  public InvalidThreadPoolPropertyException(String key, Object value, String allowed) {
    super(key + " must be " + allowed + ", was " + format(value));
    this.key = key;
    this.value = format(value);
    this.allowed = allowed;
  }

  /** Formats a duration in milliseconds, the way such a property can be written. */
  private static String format(Object value) {
    return value instanceof Duration duration ? duration.toMillis() + "ms" : String.valueOf(value);
  }

  /** Returns the full property key, such as {@code threadpool.workers}. */
  public String getKey() {
    return key;
  }

  /** Returns the bound value, as text. */
  public String getValue() {
    return value;
  }

  /** Returns the allowed range, in words. */
  public String getAllowed() {
    return allowed;
  }
}
