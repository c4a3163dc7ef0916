package io.github.threadpool;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The result channel: finished requests on their way to the polling thread, and the accounting of
 * pending requests.
 *
 * <p>Invariants kept here, and only here:
 *
 * <ul>
 *   <li>A request is pending from the moment the request queue links it in ({@link #accepted()})
 *       until its callback has returned or thrown ({@link #delivered(int)}), or until {@link
 *       #forget} drops it; each request leaves exactly once.
 *   <li>Each finished request is handed to exactly one poller, in completion order; a poller hands
 *       back, at the head and in order, what it did not deliver.
 *   <li>A poller's decision to wait (nothing queued, requests pending, a worker alive) and its wait
 *       are atomic with respect to every event that can change the decision: a result arriving, the
 *       last pending request leaving, the last worker exiting. Each of them signals under the
 *       result lock, or after a lock-free change, when a poller is counted as waiting.
 *   <li>No user code runs under the result lock: ids' {@code hashCode} and {@code equals} run only
 *       when a put reserves an id, on the putting thread, and a pending id is released without
 *       calling them.
 * </ul>
 */
final class ResultChannel {

  private final String poolName;
  private final int capacity; // 0 = unbounded
  private final long pollTimeoutNanos;
  private final IntSupplier workerThreads;
  private final BooleanSupplier stopping;

  /** Requests accepted and not yet delivered or forgotten. */
  private final AtomicInteger pending = new AtomicInteger();

  /** Requests a poller has taken off the queue and not yet accounted as delivered. */
  private final AtomicInteger inDelivery = new AtomicInteger();

  /** Pending requests whose ids the caller chose, to refuse a second request with an equal id. */
  private final ConcurrentHashMap<Object, WorkRequest<?>> pendingIds = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition resultsChanged = lock.newCondition();
  private final Condition resultSpace = lock.newCondition();
  private final ArrayDeque<WorkRequest<?>> results = new ArrayDeque<>(); // guarded by lock

  /** Workers waiting for room in a full result queue, first come first served. Guarded by lock. */
  private final ArrayDeque<Worker> spaceWaiters = new ArrayDeque<>();

  private volatile int queuedResults;
  private volatile int waitingPollers;

  ResultChannel(
      String poolName,
      int capacity,
      long pollTimeoutNanos,
      IntSupplier workerThreads,
      BooleanSupplier stopping) {
    this.poolName = poolName;
    this.capacity = capacity;
    this.pollTimeoutNanos = pollTimeoutNanos;
    this.workerThreads = workerThreads;
    this.stopping = stopping;
  }

  int pending() {
    return pending.get();
  }

  int queuedResults() {
    return queuedResults;
  }

  // ---------------------------------------------------------------------------------------------
  // Ids

  /**
   * Reserves the id of a request the caller chose. The id's {@code hashCode} and {@code equals} run
   * here, on the putting thread; whatever they throw propagates and reserves nothing.
   *
   * @throws IllegalArgumentException if a pending request has an equal id
   */
  void reserveId(WorkRequest<?> request) {
    if (request.hasGeneratedId()) {
      return; // equal to no other id: only counted
    }
    IdKey key = new IdKey(request.requestId());
    if (pendingIds.putIfAbsent(key, request) != null) {
      throw new IllegalArgumentException(
          "requestId "
              + Describe.value(request.requestId())
              + " is already pending in pool '"
              + poolName
              + "'");
    }
    request.idKey = key;
  }

  /** Releases a request's reserved id, if any, without calling the id's own methods. */
  void releaseId(WorkRequest<?> request) {
    Object key = request.idKey;
    if (key != null) {
      request.idKey = null;
      pendingIds.remove(new IdProbe(key), request);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Workers' side

  /** Counts a request as pending; called by the request queue as it links the request in. */
  void accepted() {
    pending.incrementAndGet();
  }

  /**
   * Queues a finished request. With a bounded result queue, waits while it is full, in arrival
   * order; a dismissed worker, or any worker once the pool stops, never waits (the queue then grows
   * beyond its capacity rather than hold back a worker that nobody may poll for).
   */
  void queueResult(WorkRequest<?> request, Worker worker) {
    boolean interrupted = false;
    lock.lock();
    try {
      if (capacity != 0
          && (results.size() >= capacity || !spaceWaiters.isEmpty())
          && !mayOverfill(worker)) {
        spaceWaiters.addLast(worker);
        try {
          while ((results.size() >= capacity || spaceWaiters.peekFirst() != worker)
              && !mayOverfill(worker)) {
            try {
              resultSpace.await();
            } catch (InterruptedException e) {
              interrupted = true; // a task left the flag set, or the pool stops: check again
            }
          }
        } finally {
          spaceWaiters.remove(worker);
          resultSpace.signalAll(); // the next in line checks for room
        }
      }
      results.addLast(request);
      queuedResults = results.size();
      if (waitingPollers > 0) {
        resultsChanged.signal();
      }
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean mayOverfill(Worker worker) {
    return worker.dismissed || stopping.getAsBoolean();
  }

  /**
   * Wakes every waiting poller and worker so that each checks the pool again: a worker exited or
   * was dismissed, or the pool stops.
   */
  void wakeAll() {
    lock.lock();
    try {
      resultsChanged.signalAll();
      resultSpace.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pollers' side

  /**
   * Takes up to {@code batch.length} finished requests off the queue, in completion order, for the
   * calling thread to deliver. The caller releases each one's id ({@link #releaseId}) just before
   * its callback, so that the callback may put a request with the same id again, then calls {@link
   * #delivered(int)} for the ones it delivered and {@link #giveBack} for the rest.
   *
   * @param deadline the {@link System#nanoTime()} at which a blocking wait gives up; ignored unless
   *     {@code timed}
   * @return how many requests were taken; {@code 0} if none is available and {@code block} is false
   *     or the deadline passed
   * @throws NoResultsPendingException if no request is pending
   * @throws NoWorkersAvailableException when blocking, if requests are pending, none of them is
   *     queued or being delivered, and no worker thread is left
   * @throws CancellationException if interrupted while waiting; the interrupt flag is kept
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // waitingPollers is written under lock only
  int take(WorkRequest<?>[] batch, boolean block, boolean timed, long deadline) {
    lock.lock();
    try {
      for (; ; ) {
        if (pending.get() == 0) {
          throw new NoResultsPendingException(poolName);
        }
        int n = 0;
        WorkRequest<?> request;
        while (n < batch.length && (request = results.pollFirst()) != null) {
          batch[n++] = request;
        }
        if (n > 0) {
          inDelivery.addAndGet(n);
          queuedResults = results.size();
          if (!spaceWaiters.isEmpty()) {
            resultSpace.signalAll();
          }
          return n;
        }
        if (!block) {
          return 0;
        }
        long waitNanos = pollTimeoutNanos;
        if (timed) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return 0;
          }
          waitNanos = Math.min(waitNanos, remaining);
        }
        // Count this poller as waiting before the last look, so that a lock-free change that
        // could end the wait sees it and signals (see delivered and forget).
        waitingPollers++;
        try {
          int undelivered = pending.get() - inDelivery.get();
          if (undelivered > 0 && workerThreads.getAsInt() == 0) {
            throw new NoWorkersAvailableException(poolName, pending.get());
          }
          if (pending.get() != 0) {
            // Every event that could end this wait signals; the poll timeout is a safety net.
            resultsChanged.awaitNanos(waitNanos);
          }
        } finally {
          waitingPollers--;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancellation =
          new CancellationException(
              "interrupted while waiting for results of pool '"
                  + poolName
                  + "'; the interrupt flag is kept");
      cancellation.initCause(e);
      throw cancellation;
    } finally {
      lock.unlock();
    }
  }

  /** Accounts {@code count} taken requests as delivered: their callbacks returned or threw. */
  void delivered(int count) {
    if (count == 0) {
      return;
    }
    inDelivery.addAndGet(-count);
    pending.addAndGet(-count);
    if (waitingPollers > 0) {
      wakePollers();
    }
  }

  /** Puts taken requests {@code batch[from..to)} back at the head of the queue, in order. */
  void giveBack(WorkRequest<?>[] batch, int from, int to) {
    if (from >= to) {
      return;
    }
    lock.lock();
    try {
      for (int i = to - 1; i >= from; i--) {
        WorkRequest<?> request = batch[i];
        batch[i] = null;
        if (request != null) {
          results.addFirst(request);
        }
      }
      inDelivery.addAndGet(-(to - from));
      queuedResults = results.size();
      resultsChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Drops a request that will never be delivered (handed back by shutdownNow). */
  void forget(WorkRequest<?> request) {
    releaseId(request);
    pending.decrementAndGet();
    if (waitingPollers > 0) {
      wakePollers();
    }
  }

  private void wakePollers() {
    lock.lock();
    try {
      resultsChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A pending id as the id map holds it: the id with its hash code taken once, when the request was
   * put, so that a hash code that changes or throws later cannot strand the entry.
   */
  private static final class IdKey {
    final Object id;
    final int hash;

    IdKey(Object id) {
      this.id = id;
      this.hash = id.hashCode();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other == this || (other instanceof IdKey key && hash == key.hash && id.equals(key.id));
    }
  }

  /** Finds exactly one {@link IdKey} in the id map, by identity, without calling the id. */
  private static final class IdProbe {
    final Object key;

    IdProbe(Object key) {
      this.key = key;
    }

    @Override
    public int hashCode() {
      return key.hashCode(); // an IdKey: its stored hash
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other == key;
    }
  }
}
