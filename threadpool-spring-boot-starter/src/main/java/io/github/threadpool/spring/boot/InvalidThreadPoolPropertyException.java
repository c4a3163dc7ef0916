package io.github.threadpool.spring.boot;

/**
 * Thrown at start-up when a {@code threadpool.*} property is out of range. {@link
 * ThreadPoolPropertiesFailureAnalyzer} turns it into the start-up failure report.
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
   * @param value the bound value
   * @param allowed the allowed range, in words, such as {@code 0..64}
   */
  public InvalidThreadPoolPropertyException(String key, Object value, String allowed) {
    super(key + " must be " + allowed + ", was " + value);
    this.key = key;
    this.value = String.valueOf(value);
    this.allowed = allowed;
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
