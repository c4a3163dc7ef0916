package io.github.threadpool.hazelcast;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many of a pool's tasks this member runs at a time: a gate in front of the Hazelcast executor
 * threads, because a Hazelcast executor's pool size is fixed once the executor exists, while the
 * pool's size on this member can change ({@link HazelcastThreadPool#resize(int)}).
 *
 * <p>An executor thread takes a permit before it runs a task and returns it afterwards. Shrinking
 * lets running tasks finish; growing wakes tasks waiting at the gate. Once {@linkplain #open()
 * opened} (the member's pool was closed) the gate lets every task through, so that nothing waits
 * for a pool that no longer exists.
 */
final class MemberWorkers {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition permitsChanged = lock.newCondition();
  private final Runnable onChange;
  private int limit; // guarded by lock
  private boolean open; // guarded by lock
  private int running; // guarded by lock
  private int waiting; // guarded by lock
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /**
   * @param limit the number of tasks that may run at once
   * @param onChange called (outside the lock) after every change of the limit
   */
  MemberWorkers(int limit, Runnable onChange) {
    this.limit = limit;
    this.onChange = onChange;
  }

  /**
   * Waits for a permit.
   *
   * @throws InterruptedException if interrupted while waiting (the member is shutting down)
   */
  void acquire() throws InterruptedException {
    lock.lock();
    try {
      waiting++;
      try {
        while (!open && running >= limit) {
          permitsChanged.await();
        }
      } finally {
        waiting--;
      }
      running++;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a permit and counts the task's outcome. */
  void release(boolean success) {
    (success ? completed : failed).increment();
    lock.lock();
    try {
      running--;
      permitsChanged.signal();
    } finally {
      lock.unlock();
    }
  }

  void resize(int newLimit) {
    lock.lock();
    try {
      limit = newLimit;
      permitsChanged.signalAll();
    } finally {
      lock.unlock();
    }
    onChange.run();
  }

  /** Lets every task through from now on. */
  void open() {
    lock.lock();
    try {
      open = true;
      permitsChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  long completed() {
    return completed.sum();
  }

  long failed() {
    return failed.sum();
  }
}
