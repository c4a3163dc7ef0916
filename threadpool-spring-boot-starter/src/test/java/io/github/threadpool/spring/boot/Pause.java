package io.github.threadpool.spring.boot;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a stretch of wall time pass on purpose: the work of a request that "takes a while", or a
 * measurement window. It never waits for an event (tests use latches and Awaitility for that), so
 * parking is the right tool; parkNanos may return early, hence the loop.
 */
final class Pause {

  private Pause() {}

  static void pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }
}
