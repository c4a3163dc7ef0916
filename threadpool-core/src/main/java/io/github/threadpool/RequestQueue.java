package io.github.threadpool;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Admission and the request queue: requests and tasks in arrival order, with a capacity that may
 * change while the pool runs.
 *
 * <p>A linked queue with two locks, as {@link java.util.concurrent.LinkedBlockingQueue}: putters
 * and takers do not contend with each other. It adds what the pool's contract needs:
 *
 * <ul>
 *   <li>A put that finds room takes it without waiting, even when the putting thread's interrupt
 *       flag is set; only a wait for room reacts to interrupts.
 *   <li>{@link #close()} is a barrier: once it returns, no put can add anything, and a put waiting
 *       for room fails at once. That is how a shutdown races no put.
 *   <li>A taker checks whether it must stop ({@link Taker}) under the take lock, before it
 *       dequeues: a dismissed idle worker never takes a job, and a worker that took a job runs it,
 *       so dismissal neither loses nor reorders work.
 *   <li>Putters wake a taker only when one is waiting, and takers spin briefly before they wait, so
 *       a busy pool rarely parks and unparks threads; an idle pool's takers wait without a timeout.
 *   <li>The capacity may change at any time: growing wakes waiting putters; shrinking below the
 *       depth keeps every queued job, and puts wait until the depth is below the new capacity.
 * </ul>
 */
final class RequestQueue {

  /** What {@link #offer} did. */
  static final int ACCEPTED = 0;

  static final int FULL = 1;
  static final int CLOSED = 2;

  /** Spins of a taker that finds the queue empty before it waits on the take lock. */
  private static final int TAKE_SPINS = 128;

  /** What a worker answers when it asks the queue for its next job. */
  interface Taker {

    /** Whether the worker must stop taking jobs now (it was dismissed, or the pool stopped). */
    boolean mustStop();

    /** Whether the worker must stop once the queue is empty (the pool was shut down). */
    boolean stopWhenEmpty();
  }

  private static final class Node {
    @Nullable Runnable job;
    @Nullable Node next;

    Node(@Nullable Runnable job) {
      this.job = job;
    }
  }

  private final AtomicInteger count = new AtomicInteger();

  /** The capacity; {@code Integer.MAX_VALUE} when unbounded. Written under putLock. */
  private volatile int capacity;

  /** Counts a pending request as it is linked in, under putLock. */
  private final Runnable onRequestAccepted;

  private final ReentrantLock takeLock = new ReentrantLock();
  private final Condition notEmpty = takeLock.newCondition();

  /** Takers waiting on notEmpty, counted before they check the queue one last time. */
  private volatile int waitingTakers;

  private final ReentrantLock putLock = new ReentrantLock();
  private final Condition notFull = putLock.newCondition();

  /** Written under putLock; read by putters under putLock. */
  private boolean closed;

  private Node head; // guarded by takeLock; head.job is always null
  private Node last; // guarded by putLock

  RequestQueue(int capacity, Runnable onRequestAccepted) {
    this.capacity = toInternal(capacity);
    this.onRequestAccepted = onRequestAccepted;
    this.head = this.last = new Node(null);
  }

  private static int toInternal(int capacity) {
    return capacity == 0 ? Integer.MAX_VALUE : capacity;
  }

  /** Returns the capacity, {@code 0} when unbounded. */
  int capacity() {
    int c = capacity;
    return c == Integer.MAX_VALUE ? 0 : c;
  }

  int size() {
    return count.get();
  }

  /**
   * Adds a job at the tail.
   *
   * @param request whether the job is a work request, counted as pending once it is linked in
   * @param block whether to wait for room
   * @param timeoutNanos how long to wait for room; negative waits as long as it takes
   * @return {@link #ACCEPTED}, {@link #FULL} if no room came in time, or {@link #CLOSED}
   * @throws InterruptedException if the thread was interrupted while waiting for room
   */
  int offer(Runnable job, boolean request, boolean block, long timeoutNanos)
      throws InterruptedException {
    int c;
    ReentrantLock putLock = this.putLock;
    putLock.lock(); // not interruptibly: a put that finds room takes it
    try {
      if (closed) {
        return CLOSED;
      }
      if (count.get() >= capacity) {
        if (!block) {
          return FULL;
        }
        long nanos = timeoutNanos;
        while (count.get() >= capacity) {
          if (timeoutNanos < 0) {
            notFull.await();
          } else if (nanos <= 0) {
            return FULL;
          } else {
            nanos = notFull.awaitNanos(nanos);
          }
          if (closed) {
            return CLOSED;
          }
        }
      }
      if (request) {
        onRequestAccepted.run();
      }
      Node node = new Node(job);
      last.next = node;
      last = node;
      c = count.getAndIncrement();
      if (c + 1 < capacity) {
        notFull.signal(); // another putter may be waiting for room
      }
    } finally {
      putLock.unlock();
    }
    if (waitingTakers > 0) {
      signalNotEmpty();
    }
    return ACCEPTED;
  }

  /**
   * Returns the next job, waiting while the queue is empty, or {@code null} as soon as the taker
   * must stop. Never throws: interrupts only make the taker check again (the pool interrupts a
   * worker only to stop it, and the taker answers that).
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // waitingTakers is written under takeLock only
  @Nullable Runnable take(Taker taker) {
    for (int spins = TAKE_SPINS; spins > 0 && count.get() == 0; spins--) {
      Thread.onSpinWait();
    }
    Runnable job;
    int c;
    ReentrantLock takeLock = this.takeLock;
    takeLock.lock();
    try {
      for (; ; ) {
        if (taker.mustStop()) {
          return null;
        }
        if (count.get() > 0) {
          break;
        }
        if (taker.stopWhenEmpty()) {
          return null;
        }
        // Count this taker as waiting before the last look at the queue, so that a put that
        // links a job after that look sees the count and signals.
        waitingTakers++;
        try {
          if (count.get() == 0 && !taker.mustStop()) {
            notEmpty.await();
          }
        } catch (InterruptedException e) {
          // checked again above
        } finally {
          waitingTakers--;
        }
      }
      Node first = head.next;
      if (first == null) {
        throw new IllegalStateException("request queue count and links disagree");
      }
      head.next = head; // help GC
      head = first;
      job = first.job;
      first.job = null;
      c = count.getAndDecrement();
      if (c > 1 && waitingTakers > 0) {
        notEmpty.signal(); // more jobs for the next waiting taker
      }
    } finally {
      takeLock.unlock();
    }
    if (c >= capacity) {
      signalNotFull(); // the queue was full (or over a shrunk capacity): a putter may proceed
    }
    if (job == null) {
      throw new IllegalStateException("request queue held an empty node");
    }
    return job;
  }

  /** Wakes every waiting taker, so that each checks whether it must stop. */
  void wakeTakers() {
    takeLock.lock();
    try {
      notEmpty.signalAll();
    } finally {
      takeLock.unlock();
    }
  }

  /**
   * Closes the queue to puts. Once this returns, no put adds a job, and puts waiting for room
   * return {@link #CLOSED}.
   */
  void close() {
    putLock.lock();
    try {
      closed = true;
      notFull.signalAll();
    } finally {
      putLock.unlock();
    }
  }

  /**
   * Sets the capacity; {@code 0} means unbounded. Queued jobs stay, in order.
   *
   * @return the previous capacity, {@code 0} when unbounded
   */
  int setCapacity(int newCapacity, IntConsumer whileLocked) {
    putLock.lock();
    try {
      int previous = capacity == Integer.MAX_VALUE ? 0 : capacity;
      capacity = toInternal(newCapacity);
      notFull.signalAll();
      whileLocked.accept(previous); // orders the change's event with concurrent changes
      return previous;
    } finally {
      putLock.unlock();
    }
  }

  /** Removes every queued job and adds it to {@code sink}, in queue order. */
  void drainTo(List<Runnable> sink) {
    putLock.lock();
    takeLock.lock();
    try {
      for (Node p = head.next; p != null; p = p.next) {
        Runnable job = p.job;
        if (job != null) {
          sink.add(job);
          p.job = null;
        }
      }
      head.next = null;
      last = head;
      count.set(0);
      notFull.signalAll();
    } finally {
      takeLock.unlock();
      putLock.unlock();
    }
  }

  private void signalNotEmpty() {
    takeLock.lock();
    try {
      notEmpty.signal();
    } finally {
      takeLock.unlock();
    }
  }

  private void signalNotFull() {
    putLock.lock();
    try {
      notFull.signal();
    } finally {
      putLock.unlock();
    }
  }
}
