package io.github.threadpool.benchmarks;

import java.util.function.Predicate;

/**
 * Finds a pool's threads by the prefix of their names, the same way for every pool, so that the
 * dismissal benchmarks and {@link IdleCost} observe {@code ThreadPool} and {@code
 * ThreadPoolExecutor} threads at the same cost.
 */
final class PoolThreads {

  private PoolThreads() {}

  /**
   * Returns the live threads of the caller's thread group (which the pools' threads inherit) whose
   * names start with {@code prefix}.
   */
  static Thread[] named(String prefix) {
    Thread[] all = new Thread[Thread.activeCount() + 64];
    int count = Thread.enumerate(all);
    int matching = 0;
    for (int i = 0; i < count; i++) {
      if (all[i].getName().startsWith(prefix)) {
        all[matching++] = all[i];
      }
    }
    Thread[] result = new Thread[matching];
    System.arraycopy(all, 0, result, 0, matching);
    return result;
  }

  /** Returns how many live threads named {@code prefix}… satisfy {@code condition}. */
  static int count(String prefix, Predicate<Thread> condition) {
    return count(named(prefix), condition);
  }

  /** Whether {@code thread} is parked without a timeout: an idle worker blocked on its queue. */
  static boolean idle(Thread thread) {
    return thread.getState() == Thread.State.WAITING;
  }

  /** Whether {@code thread} has started and not yet ended. */
  static boolean alive(Thread thread) {
    return thread.isAlive();
  }

  /**
   * Spins until exactly {@code expected} live threads named {@code prefix}… exist and {@code
   * condition} holds for all of them.
   *
   * @throws IllegalStateException after 10 seconds, so that a broken pool fails the run instead of
   *     hanging it
   */
  static void awaitExactly(String prefix, int expected, Predicate<Thread> condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (; ; ) {
      Thread[] threads = named(prefix);
      if (threads.length == expected && count(threads, condition) == expected) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "expected " + expected + " threads named " + prefix + "*, found " + threads.length);
      }
      Thread.onSpinWait();
    }
  }

  private static int count(Thread[] threads, Predicate<Thread> condition) {
    int count = 0;
    for (Thread thread : threads) {
      if (condition.test(thread)) {
        count++;
      }
    }
    return count;
  }
}
