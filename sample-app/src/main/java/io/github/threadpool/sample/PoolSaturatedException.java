package io.github.threadpool.sample;

import java.time.Duration;

/** The pool's bounded request queue has no room for a batch; the client should retry later. */
class PoolSaturatedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  PoolSaturatedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait before it tries again. */
  Duration retryAfter() {
    return retryAfter;
  }
}
