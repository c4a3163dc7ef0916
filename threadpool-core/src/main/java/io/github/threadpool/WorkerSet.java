package io.github.threadpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The worker set and the pool's lifecycle: starting, dismissing, joining and retiring workers, and
 * the state that decides when the pool has terminated. One lock, {@code mainLock}, guards both,
 * because termination is a fact about both: the pool is shut down and no worker thread is left.
 *
 * <pre>
 * state       accepts puts  workers take jobs                  entered by
 * RUNNING     yes           yes, waiting while the queue is    construction
 *                           empty
 * SHUTDOWN    no            yes, until the queue is empty       shutdown()
 * STOP        no            no; the queue was handed back       shutdownNow()
 * TIDYING     no            no worker left; the terminated      the last worker's exit, or a
 *                           listeners are being told            shutdown without workers
 * TERMINATED  no            no                                  the listeners were told
 * </pre>
 *
 * Transitions only go down the table (SHUTDOWN and STOP may be skipped). A pool shut down with work
 * queued and no worker left starts one worker to drain the queue, so shutdown always runs queued
 * work, as {@link java.util.concurrent.ExecutorService#shutdown()} promises.
 */
final class WorkerSet {

  static final int RUNNING = 0;
  static final int SHUTDOWN = 1;
  static final int STOP = 2;
  static final int TIDYING = 3;
  static final int TERMINATED = 4;

  private final ThreadPool pool;
  private final String threadNamePrefix;
  private final boolean daemon;
  private final RequestQueue queue;
  private final ResultChannel results;
  private final ListenerDispatch events;
  private final Consumer<Thread> threadStarter;

  private final ReentrantLock mainLock = new ReentrantLock();
  private final Condition termination = mainLock.newCondition();

  /** Live workers, oldest first. Guarded by mainLock. */
  private final ArrayList<Worker> live = new ArrayList<>();

  /** Dismissed workers that have not exited yet. Guarded by mainLock. */
  private final ArrayList<Worker> dismissed = new ArrayList<>();

  private volatile int state = RUNNING;
  private volatile int liveCount;
  private volatile int dismissedCount;

  /*
   * Worker threads that have not exited, live and dismissed: what a poller checks before it gives
   * up with NoWorkersAvailableException. One field, not the sum of the two above, because a
   * dismissal moves a worker from one count to the other in two writes.
   */
  private volatile int threadCount;

  private int workerNumbers; // guarded by mainLock
  private long retiredCompleted; // guarded by mainLock
  private long retiredFailed; // guarded by mainLock

  WorkerSet(
      ThreadPool pool,
      String threadNamePrefix,
      boolean daemon,
      RequestQueue queue,
      ResultChannel results,
      ListenerDispatch events,
      Consumer<Thread> threadStarter) {
    this.pool = pool;
    this.threadStarter = threadStarter;
    this.threadNamePrefix = threadNamePrefix;
    this.daemon = daemon;
    this.queue = queue;
    this.results = results;
    this.events = events;
  }

  int state() {
    return state;
  }

  int liveCount() {
    return liveCount;
  }

  int dismissedCount() {
    return dismissedCount;
  }

  int threadCount() {
    return threadCount;
  }

  // ---------------------------------------------------------------------------------------------
  // Sizes

  /** Starts the pool's first workers; tells no listener. */
  void startInitial(int count) {
    mainLock.lock();
    try {
      for (int i = 0; i < count; i++) {
        startWorker();
      }
    } finally {
      mainLock.unlock();
    }
  }

  /**
   * Starts {@code count} workers and tells the listeners how many did start, also when starting a
   * thread fails part way.
   *
   * @throws IllegalStateException if {@code count > 0} and the pool is shut down
   */
  void create(int count) {
    mainLock.lock();
    int previous = live.size();
    try {
      if (count > 0 && state != RUNNING) {
        throw new IllegalStateException(
            "cannot create workers: pool '" + pool.name() + "' is shut down");
      }
      for (int i = 0; i < count; i++) {
        startWorker();
      }
    } finally {
      postWorkersChanged(previous, live.size());
      mainLock.unlock();
      events.deliver();
    }
  }

  /**
   * Dismisses the newest {@code count} live workers (fewer if there are fewer) and wakes the idle
   * ones, which exit without taking a job.
   *
   * @return the workers dismissed by this call
   */
  List<Worker> dismiss(int count) {
    List<Worker> dismissedNow;
    mainLock.lock();
    try {
      int previous = live.size();
      dismissedNow = dismissNewest(count);
      postWorkersChanged(previous, live.size());
    } finally {
      mainLock.unlock();
    }
    events.deliver(); // before the dismissed workers wake, so this thread tells the listeners
    wake(dismissedNow);
    return dismissedNow;
  }

  /**
   * Creates or dismisses workers so that {@code target} are live; tells the listeners the real
   * change, also when starting a thread fails part way.
   *
   * @throws IllegalStateException if workers must be created and the pool is shut down
   */
  void resize(int target) {
    List<Worker> dismissedNow = List.of();
    mainLock.lock();
    int previous = live.size();
    try {
      if (target > previous) {
        if (state != RUNNING) {
          throw new IllegalStateException(
              "cannot create workers: pool '" + pool.name() + "' is shut down");
        }
        for (int i = previous; i < target; i++) {
          startWorker();
        }
      } else {
        dismissedNow = dismissNewest(previous - target);
      }
    } finally {
      postWorkersChanged(previous, live.size());
      mainLock.unlock();
      events.deliver(); // before the dismissed workers wake, so this thread tells the listeners
      wake(dismissedNow);
    }
  }

  /** Returns the dismissed workers that have not exited yet. */
  List<Worker> dismissedWorkers() {
    mainLock.lock();
    try {
      return new ArrayList<>(dismissed);
    } finally {
      mainLock.unlock();
    }
  }

  /** Returns whether the calling thread is one of this pool's workers. */
  boolean isWorkerThread() {
    Worker current = Worker.current();
    return current != null && current.pool == pool;
  }

  /**
   * Waits until each of {@code toJoin} has exited.
   *
   * @throws CancellationException if interrupted; the interrupt flag is kept
   */
  static void join(List<Worker> toJoin) {
    for (Worker worker : toJoin) {
      try {
        worker.thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancellation =
            new CancellationException(
                "interrupted while joining dismissed workers; the interrupt flag is kept");
        cancellation.initCause(e);
        throw cancellation;
      }
    }
  }

  /** Call with mainLock held. */
  private void startWorker() {
    Worker worker =
        new Worker(pool, threadNamePrefix + pool.name() + "-" + ++workerNumbers, daemon);
    live.add(worker);
    try {
      threadStarter.accept(worker.thread);
    } catch (RuntimeException | Error e) {
      live.remove(worker); // never started: it must not count as a worker that can deliver
      throw e;
    } finally {
      publishCounts();
    }
  }

  /** Call with mainLock held. */
  private List<Worker> dismissNewest(int count) {
    List<Worker> dismissedNow = new ArrayList<>(Math.min(count, live.size()));
    for (int i = 0; i < count && !live.isEmpty(); i++) {
      Worker worker = live.remove(live.size() - 1);
      worker.dismissed = true;
      dismissed.add(worker);
      dismissedNow.add(worker);
    }
    publishCounts();
    return dismissedNow;
  }

  /** Wakes dismissed workers wherever they wait: for a job, or for room in the result queue. */
  private void wake(List<Worker> dismissedNow) {
    if (!dismissedNow.isEmpty()) {
      queue.wakeTakers();
      results.wakeAll();
    }
  }

  private void postWorkersChanged(int previous, int current) {
    if (previous != current) {
      events.post(listener -> listener.workersChanged(pool, previous, current));
    }
  }

  /** Call with mainLock held. */
  private void publishCounts() {
    threadCount = live.size() + dismissed.size();
    liveCount = live.size();
    dismissedCount = dismissed.size();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /** Refuses new work; queued work still runs. */
  void shutdown() {
    mainLock.lock();
    try {
      if (state < SHUTDOWN) {
        state = SHUTDOWN;
      }
      queue.close();
      queue.wakeTakers(); // idle workers exit once the queue is empty
      tryTerminate();
    } finally {
      mainLock.unlock();
    }
    events.deliver();
  }

  /**
   * Refuses new work, removes the queued work and interrupts every worker.
   *
   * @return the removed jobs, in queue order, as the queue held them
   */
  List<Runnable> stop() {
    List<Runnable> removed = new ArrayList<>();
    mainLock.lock();
    try {
      if (state < STOP) {
        state = STOP;
      }
      queue.close();
      for (Worker worker : live) {
        worker.thread.interrupt();
      }
      for (Worker worker : dismissed) {
        worker.thread.interrupt();
      }
      queue.drainTo(removed);
      for (Runnable job : removed) {
        if (Job.unwrap(job) instanceof WorkRequest<?> request) {
          results.forget(request); // calls no user code
          request.unclaim();
        }
      }
      queue.wakeTakers();
      results.wakeAll(); // workers waiting for result space go on; pollers re-check
      tryTerminate();
    } finally {
      mainLock.unlock();
    }
    events.deliver();
    return removed;
  }

  /**
   * Retires a worker whose run ended. A worker that ended abruptly (something escaped every guard)
   * is replaced while the pool runs, so a hostile task cannot shrink the pool.
   */
  void exited(Worker worker, boolean abruptly) {
    boolean posted = false;
    mainLock.lock();
    try {
      if (!dismissed.remove(worker)) {
        live.remove(worker);
      }
      retiredCompleted += worker.completed();
      retiredFailed += worker.failed();
      publishCounts();
      if (abruptly && !worker.dismissed && state == RUNNING) {
        int previous = live.size() + 1;
        try {
          startWorker();
        } catch (RuntimeException | Error e) {
          postWorkersChanged(previous, live.size()); // could not replace it: say so
          posted = true;
        }
      }
      posted |= tryTerminate();
    } finally {
      mainLock.unlock();
    }
    if (threadCount == 0) {
      results.wakeAll(); // pollers waiting for a result must now give up
    }
    if (posted) {
      events.deliver();
    }
  }

  /**
   * Moves a shut-down pool without worker threads towards TERMINATED, or starts a worker to drain
   * what is still queued. Call with mainLock held, then deliver events.
   *
   * @return whether termination began (its events are posted)
   */
  private boolean tryTerminate() {
    if (state == RUNNING || state >= TIDYING || !live.isEmpty() || !dismissed.isEmpty()) {
      return false;
    }
    if (state == SHUTDOWN && queue.size() > 0) {
      try {
        startWorker(); // shutdown runs queued work even when no worker is left for it
      } catch (RuntimeException | Error e) {
        // no thread to drain with: the work stays queued for shutdownNow() to hand back
      }
      return false;
    }
    state = TIDYING;
    events.post(listener -> listener.terminated(pool));
    events.postAction(this::terminated);
    return true;
  }

  /** The last step of termination, after every terminated listener has returned. */
  private void terminated() {
    mainLock.lock();
    try {
      state = TERMINATED;
      termination.signalAll();
    } finally {
      mainLock.unlock();
    }
  }

  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    mainLock.lock();
    try {
      while (state != TERMINATED) {
        if (nanos <= 0) {
          return false;
        }
        nanos = termination.awaitNanos(nanos);
      }
      return true;
    } finally {
      mainLock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Counts

  /** Counts the worker threads running a job now, dismissed ones included. */
  int busyCount() {
    mainLock.lock();
    try {
      int busy = 0;
      for (Worker worker : live) {
        busy += worker.isBusy() ? 1 : 0;
      }
      for (Worker worker : dismissed) {
        busy += worker.isBusy() ? 1 : 0;
      }
      return busy;
    } finally {
      mainLock.unlock();
    }
  }

  /** Returns {completed, failed} summed over every worker that ever ran. */
  long[] outcomes() {
    mainLock.lock();
    try {
      long completed = retiredCompleted;
      long failed = retiredFailed;
      for (Worker worker : live) {
        completed += worker.completed();
        failed += worker.failed();
      }
      for (Worker worker : dismissed) {
        completed += worker.completed();
        failed += worker.failed();
      }
      return new long[] {completed, failed};
    } finally {
      mainLock.unlock();
    }
  }

  String stateName() {
    return switch (state) {
      case RUNNING -> "running";
      case SHUTDOWN -> "shut down";
      case STOP -> "stopped";
      case TIDYING -> "terminating";
      default -> "terminated";
    };
  }
}
