package io.github.threadpool;

import org.jspecify.annotations.Nullable;

/**
 * Words for user objects in the pool's messages. A message must never fail, nor grow without bound,
 * because of the object it names: its {@code toString} may throw or return megabytes.
 */
final class Describe {

  /** The longest text of a user object that a message quotes. */
  static final int MAX_LENGTH = 64;

  private Describe() {}

  /**
   * Returns {@code value}'s text, cut to {@link #MAX_LENGTH} characters, or its type if that fails.
   */
  static String value(@Nullable Object value) {
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException | Error e) {
      return fallback(value);
    }
    if (text == null) {
      return fallback(value);
    }
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
  }

  /** Returns words for a job: a work request by its id, any other task by its type. */
  static String job(Object job) {
    if (job instanceof WorkRequest<?> request) {
      return "work request " + value(request.requestId());
    }
    return "task " + fallback(job);
  }

  private static String fallback(@Nullable Object value) {
    return value == null
        ? "null"
        : value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
  }
}
