package io.github.threadpool.hazelcast;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Serializable tasks for the tests. All members run in this JVM, so they share static state. */
final class Tasks {

  private Tasks() {}

  /** The instance name of the member whose executor thread runs the caller. */
  static String currentMember() {
    String thread = Thread.currentThread().getName(); // hz.<instance name>.cached.thread-<n>
    int end = thread.lastIndexOf(".cached.");
    return thread.startsWith("hz.") && end > 3 ? thread.substring(3, end) : thread;
  }

  /** Returns the name of the member that ran it. */
  record WhereAmI(int id) implements Callable<String>, Serializable {
    @Override
    public String call() {
      return currentMember();
    }
  }

  /**
   * Returns the address of the member that ran it, as {@link HazelcastThreadPool#currentMember()}
   * tells.
   */
  record MemberAddress(int id) implements Callable<String>, Serializable {
    @Override
    public String call() {
      return HazelcastThreadPool.currentMember()
          .map(member -> String.valueOf(member.getAddress()))
          .orElse("outside a task");
    }
  }

  /** Counts its runs by id in a map shared by all members, and returns the member's name. */
  record Counted(String test, int id) implements Callable<String>, Serializable {
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @Override
    public String call() {
      RUNS.computeIfAbsent(test + "/" + id, key -> new AtomicInteger()).incrementAndGet();
      return currentMember();
    }

    static int runs(String test, int id) {
      AtomicInteger runs = RUNS.get(test + "/" + id);
      return runs == null ? 0 : runs.get();
    }
  }

  /**
   * Counts its runs; on the member named {@code holdOn}, it signals {@code held} and waits for
   * {@code release} (at most 30 s), so that the test can stop that member while it runs.
   */
  record HeldOn(String test, int id, String holdOn) implements Callable<String>, Serializable {
    static volatile CountDownLatch held = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public String call() throws InterruptedException {
      Counted.RUNS.computeIfAbsent(test + "/" + id, key -> new AtomicInteger()).incrementAndGet();
      String member = currentMember();
      if (member.equals(holdOn)) {
        held.countDown();
        release.await(30, TimeUnit.SECONDS);
      }
      return member;
    }
  }

  /** Waits for a latch shared by all members (at most 30 s), then returns its id. */
  record Blocking(int id) implements Callable<Integer>, Serializable {
    static volatile CountDownLatch started = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
      started.countDown();
      release.await(30, TimeUnit.SECONDS);
      return id;
    }
  }

  /** Returns something no member can read back: a lambda. */
  record UnsendableResult() implements Callable<Runnable>, Serializable {
    @Override
    public Runnable call() {
      return () -> {};
    }
  }

  /** Throws an exception that can travel. */
  record Failing(String message) implements Callable<Integer>, Serializable {
    @Override
    public Integer call() {
      throw new IllegalStateException(message);
    }
  }

  /** Throws an exception that cannot be serialized. */
  record FailingUnsendably() implements Callable<Integer>, Serializable {
    @Override
    public Integer call() {
      throw new UnsendableException();
    }
  }

  /** An exception with a field that cannot be serialized. */
  static final class UnsendableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"serial", "unused"})
    private final Object notSerializable = new Object();

    UnsendableException() {
      super("cannot travel");
    }
  }

  /** A task that is Serializable but holds a field that is not. */
  record HoldsObject(Object payload) implements Callable<Integer>, Serializable {
    @Override
    public Integer call() {
      return 1;
    }
  }

  /** Tracks how many of its kind run at once on each member, with a little work in between. */
  record Concurrency(int id) implements Callable<String>, Serializable {
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> MAX = new ConcurrentHashMap<>();

    @Override
    public String call() {
      String member = currentMember();
      int now = RUNNING.computeIfAbsent(member, key -> new AtomicInteger()).incrementAndGet();
      MAX.computeIfAbsent(member, key -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      try {
        // simulated work: keep the worker busy for a moment so that tasks overlap
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      } finally {
        RUNNING.get(member).decrementAndGet();
      }
      return member;
    }
  }
}
