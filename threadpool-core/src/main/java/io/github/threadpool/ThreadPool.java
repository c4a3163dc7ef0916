package io.github.threadpool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A pool of worker threads that run {@linkplain WorkRequest work requests} from a request queue and
 * put their outcomes on a result queue, from which the thread that {@linkplain #poll(boolean)
 * polls} passes each one to the request's callback. It is also an {@link
 * java.util.concurrent.ExecutorService} whose tasks run on the same workers and queue.
 *
 * <pre>{@code
 * try (ThreadPool pool = new ThreadPool(4)) {
 *   for (WorkRequest<Long> request :
 *       WorkRequest.makeRequests(Factorials::of, List.of(10, 20, 30), (r, n) -> print(n))) {
 *     pool.putRequest(request);
 *   }
 *   pool.waitForAll(); // prints on this thread, in completion order
 * }
 * }</pre>
 *
 * <h2>Threads and callbacks</h2>
 *
 * A worker runs a request's task and queues the outcome; it never runs a callback. Callbacks run on
 * the thread that calls {@link #poll(boolean)}, {@link #waitForAll()} or {@link
 * #waitForAll(Duration)}, one at a time per calling thread, in the order the requests completed.
 * Several threads may poll at once; each result is delivered exactly once. A request is <em>
 * pending</em> from the moment {@link #putRequest} accepts it until its callback has been called
 * (or {@link #shutdownNow()} hands it back).
 *
 * <p>Tasks given to {@link #execute}, {@link #submit} and the {@code invoke} methods are not work
 * requests: their futures complete on the worker and they are never pending. A {@link WorkRequest}
 * given to {@code execute} is put as a request; {@code submit} refuses one, since a future would
 * complete on the worker while the request's callbacks belong to the polling thread.
 *
 * <h2>Sizes and resizing</h2>
 *
 * The pool starts with {@link Builder#workers(int)} workers and changes only when asked: {@link
 * #createWorkers(int)} adds workers; {@link #dismissWorkers(int)} dismisses the newest live
 * workers, each of which finishes the job it is running, if any, and then exits; an idle dismissed
 * worker exits at once without taking another job. Dismissal never loses, repeats or reorders a
 * request. {@link #resize(int)} creates or dismisses the difference. Dismissed workers that have
 * not been joined are joined by {@link #joinAllDismissedWorkers()}.
 *
 * <p>Idle workers block on the request queue: an idle pool uses no CPU and does not wake up
 * periodically.
 *
 * <h2>Queues</h2>
 *
 * The request queue holds requests and tasks in arrival order; with {@link
 * Builder#requestQueueCapacity(int) a capacity} a put blocks while it is full (or fails, see {@link
 * #putRequest(WorkRequest, boolean, Duration)}). The result queue holds outcomes until polled; with
 * {@link Builder#resultQueueCapacity(int) a capacity} workers wait while it is full, which slows
 * producers down to the pace of the polling thread. Capacity 0 means unbounded.
 *
 * <h2>Lifecycle</h2>
 *
 * <table>
 *   <caption>States; transitions only go down the table</caption>
 *   <tr><th>state</th><th>accepts puts</th><th>runs queued work</th><th>entered by</th></tr>
 *   <tr><td>running</td><td>yes</td><td>yes</td><td>construction</td></tr>
 *   <tr><td>shut down</td><td>no</td><td>yes, then workers exit</td><td>{@link #shutdown()},
 *       {@link #close()}</td></tr>
 *   <tr><td>stopped</td><td>no</td><td>no: queued work is handed back, running work
 *       interrupted</td><td>{@link #shutdownNow()}</td></tr>
 *   <tr><td>terminated</td><td>no</td><td>no</td><td>the last worker (dismissed ones included)
 *       has exited after shutdown</td></tr>
 * </table>
 *
 * <p>Results stay pollable in every state. A pool that is never shut down keeps its threads (they
 * are daemon threads by default, so they do not keep the JVM alive).
 *
 * <h2>Blocking</h2>
 *
 * {@link #putRequest(WorkRequest)} and {@link #execute} block while a bounded request queue is
 * full; {@code poll(true)} and {@code waitForAll} block until results arrive; {@code
 * dismissWorkers(n, true)}, {@link #joinAllDismissedWorkers()}, {@link #awaitTermination} and
 * {@link #close()} block until threads exit. Every other method returns without waiting for
 * workers. An interrupt ends any of these waits promptly with the interrupt flag kept (a {@link
 * CancellationException} or, from {@code putRequest}/{@code execute}, a {@link
 * RejectedExecutionException} says so); {@code awaitTermination} throws {@link
 * InterruptedException} as usual, and {@code close()} stops the pool and waits for its workers. No
 * bookkeeping is lost.
 *
 * <h2>Differences from the Python original</h2>
 *
 * <ul>
 *   <li>A callback that throws leaves no request pending; the next {@code waitForAll()} returns.
 *   <li>{@link NoWorkersAvailableException} is thrown only after every finished result has been
 *       delivered, and only if no worker, dismissed workers still running a job included, is left.
 *   <li>Request ids are kept verbatim, a put with the id of a pending request is refused, and
 *       generated ids are unique in the JVM.
 *   <li>Idle workers block instead of waking every {@code poll_timeout}; a dismissed idle worker
 *       exits at once and never puts a request back at the tail of the queue.
 *   <li>Without an exception callback a failure is logged, never passed to the result callback.
 *   <li>{@link #putRequest(WorkRequest)} blocks while the queue is full (as in 1.2.6 and later).
 *   <li>There is a shutdown, and every public method is thread-safe.
 * </ul>
 */
public class ThreadPool extends AbstractExecutorService implements RequestPool {

  private static final System.Logger LOGGER = System.getLogger(ThreadPool.class.getName());

  private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();
  private static final long NO_DEADLINE = Long.MIN_VALUE;

  /** The worker whose thread this is, for futures that report their outcome to it. */
  private static final ThreadLocal<@Nullable Worker> CURRENT_WORKER = new ThreadLocal<>();

  /*
   * Lifecycle, monotonic: RUNNING -> SHUTDOWN -> STOP -> TERMINATED (SHUTDOWN may be skipped).
   *   RUNNING:    accepts puts, workers take jobs, blocking while the queue is empty
   *   SHUTDOWN:   refuses puts; workers drain the queue without blocking, then exit
   *   STOP:       refuses puts; the queue has been drained by shutdownNow(); workers exit
   *   TERMINATED: state >= SHUTDOWN, no worker thread left, and nothing left in the queue
   * Written under mainLock, read anywhere.
   */
  private static final int RUNNING = 0;
  private static final int SHUTDOWN = 1;
  private static final int STOP = 2;
  private static final int TERMINATED = 3;

  private final String name;
  private final String threadNamePrefix;
  private final boolean daemon;
  private final long pollTimeoutNanos;
  private final int requestQueueCapacity;
  private final int resultQueueCapacity;
  private final @Nullable UnaryOperator<Runnable> taskDecorator;
  private final List<ThreadPoolListener> listeners;

  /**
   * Requests (WorkRequest) and tasks (any other Runnable) in arrival order. A deque, so that a
   * worker dismissed while it was taking a job can give the job back at the head (see nextJob).
   */
  private final BlockingDeque<Runnable> requestQueue;

  /**
   * Pending requests whose ids the caller chose, by id, to refuse a second one with an equal id.
   * Generated ids equal no other id, so those requests are only counted. Removal happens under
   * resultLock.
   */
  private final ConcurrentHashMap<Object, WorkRequest<?>> pendingByCallerId =
      new ConcurrentHashMap<>();

  /**
   * Requests put and not yet delivered. Incremented by a put before it queues the request,
   * decremented under resultLock only (when the request is taken for delivery or forgotten), so a
   * poller that holds resultLock sees every change that could end its wait.
   */
  private final AtomicInteger pendingCount = new AtomicInteger();

  /*
   * The result queue. One lock guards the finished requests and the two conditions, so that a
   * poller's check "nothing queued, requests pending, a worker alive" and its wait are atomic with
   * respect to every event that can change the answer: a result arriving, the last pending
   * request going away, the last worker exiting.
   */
  private final ReentrantLock resultLock = new ReentrantLock();
  private final Condition resultsChanged = resultLock.newCondition();
  private final Condition resultSpace = resultLock.newCondition();
  private final ArrayDeque<WorkRequest<?>> results = new ArrayDeque<>();
  private volatile int resultCount;

  /** Guards the worker lists, the lifecycle transitions and termination. */
  private final ReentrantLock mainLock = new ReentrantLock();

  private final Condition terminationCondition = mainLock.newCondition();

  /** Live workers, oldest first. Guarded by mainLock. */
  private final ArrayList<Worker> workers = new ArrayList<>();

  /** Dismissed workers that have not exited yet. Guarded by mainLock. */
  private final ArrayList<Worker> dismissedWorkers = new ArrayList<>();

  private volatile int state = RUNNING;
  private volatile int liveWorkerCount;
  private volatile int dismissedWorkerCount;

  /*
   * Worker threads that have not exited, live and dismissed: what a poller checks before it gives
   * up with NoWorkersAvailableException. One field, not the sum of the two above, because a
   * dismissal moves a worker from one count to the other in two writes, and a poller reading
   * between them would see a worker still running a job as gone.
   */
  private volatile int workerThreadCount;
  private int workerNumbers; // guarded by mainLock
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /**
   * Creates a running pool with {@code workers} workers and the {@linkplain #builder() default}
   * settings: unbounded queues, daemon threads.
   *
   * @param workers the number of workers to start
   * @throws IllegalArgumentException if {@code workers} is negative
   */
  public ThreadPool(int workers) {
    this(builder().workers(workers));
  }

  private ThreadPool(Builder builder) {
    this.name = builder.name != null ? builder.name : "pool-" + POOL_NUMBERS.incrementAndGet();
    this.threadNamePrefix = builder.threadNamePrefix;
    this.daemon = builder.daemon;
    this.pollTimeoutNanos = builder.pollTimeout.toNanos();
    this.requestQueueCapacity = builder.requestQueueCapacity;
    this.resultQueueCapacity = builder.resultQueueCapacity;
    this.taskDecorator = builder.taskDecorator;
    this.listeners = List.copyOf(builder.listeners);
    this.requestQueue =
        requestQueueCapacity == 0
            ? new LinkedBlockingDeque<>()
            : new LinkedBlockingDeque<>(requestQueueCapacity);
    try {
      mainLock.lock();
      try {
        startWorkers(builder.workers);
      } finally {
        mainLock.unlock();
      }
    } catch (RuntimeException | Error e) {
      shutdownNow(); // nobody gets a reference to this pool: end the workers that did start
      throw e;
    }
  }

  /** Returns a builder of a pool; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the pool's name, which its thread names and its messages contain. */
  @Override
  public String name() {
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // Work requests

  /**
   * Puts a request into the request queue, blocking while a bounded queue is full. Same as {@code
   * putRequest(request, true, null)}.
   *
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalStateException if the request was put already (and not handed back)
   * @throws IllegalArgumentException if a request with an equal id is pending in this pool
   * @throws RejectedExecutionException if the pool is shut down (also while this call waits for
   *     room; noticed within the poll timeout), or the thread was interrupted while waiting for
   *     room (its interrupt flag is kept)
   */
  @Override
  public void putRequest(WorkRequest<?> request) {
    putRequest(request, true, null);
  }

  /**
   * Puts a request into the request queue. Once this method returns, the request is pending: its
   * outcome will be delivered by {@code poll}, unless {@link #shutdownNow()} hands it back. If it
   * throws, the request was not accepted and left no trace: it may be put again.
   *
   * @param request the request to run
   * @param block whether to wait while a bounded queue is full
   * @param timeout how long to wait when blocking; {@code null} waits as long as it takes; ignored
   *     when not blocking
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalArgumentException if {@code timeout} is negative, or a request with an equal id
   *     is pending in this pool
   * @throws IllegalStateException if the request was put already (and not handed back)
   * @throws QueueFullException if the queue stayed full (at once when not blocking)
   * @throws RejectedExecutionException if the pool is shut down (also while this call waits for
   *     room; noticed within the poll timeout), or the thread was interrupted while waiting for
   *     room (its interrupt flag is kept)
   */
  @Override
  public void putRequest(WorkRequest<?> request, boolean block, @Nullable Duration timeout) {
    Objects.requireNonNull(request, "request");
    long timeoutNanos = -1;
    if (block && timeout != null) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
      }
      timeoutNanos = saturatedNanos(timeout);
    }
    request.claim();
    boolean registered = false;
    boolean accepted = false;
    try {
      if (state != RUNNING) {
        throw rejectShutdown(request);
      }
      if (!request.hasGeneratedId()
          && pendingByCallerId.putIfAbsent(request.requestId(), request) != null) {
        throw new IllegalArgumentException(
            "requestId " + request.requestId() + " is already pending in pool '" + name + "'");
      }
      pendingCount.incrementAndGet();
      registered = true;
      Runnable job = toJob(request); // decorate only a request that can be accepted
      if (!enqueue(job, block, timeoutNanos)) {
        rejected.increment();
        throw new QueueFullException(name, requestQueueCapacity);
      }
      accepted = state == RUNNING || !requestQueue.remove(job);
      if (!accepted) {
        throw rejectShutdown(request);
      }
    } finally {
      if (!accepted) {
        if (registered) {
          forget(request);
        }
        request.unclaim();
      }
    }
  }

  /**
   * Delivers results of finished requests to their callbacks, on this thread, in completion order.
   *
   * <p>Without blocking, it delivers every result available now and returns. Blocking, it keeps
   * delivering, waiting for results as needed, until no request is pending. In both modes it throws
   * {@link NoResultsPendingException} once nothing is pending, also right after it delivered the
   * last result (as the Python original does).
   *
   * <p>If a callback throws, its request counts as delivered, the exception propagates, and results
   * not delivered yet stay queued for the next call.
   *
   * @param block whether to wait for results of requests still running or queued
   * @throws NoResultsPendingException if no request is pending (see above)
   * @throws NoWorkersAvailableException when blocking, if requests are pending, no result is
   *     queued, and no worker is left that could produce one; the requests stay pending
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  @Override
  public void poll(boolean block) {
    WorkRequest<?> request;
    while ((request = takeResult(block, NO_DEADLINE)) != null) {
      request.deliver();
    }
  }

  /**
   * Delivers results, as {@code poll(true)} does, until no request is pending; returns at once if
   * none is. The pool stays usable after any exception.
   *
   * @throws NoWorkersAvailableException if requests are pending and no worker is left to run them
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  @Override
  public void waitForAll() {
    try {
      poll(true);
    } catch (NoResultsPendingException done) {
      // nothing (left) pending: the normal way out
    }
  }

  /**
   * Delivers results, as {@code poll(true)} does, until no request is pending or the timeout
   * elapses.
   *
   * @return {@code true} if no request is pending, {@code false} if the timeout elapsed first
   * @throws NullPointerException if {@code timeout} is {@code null}
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws NoWorkersAvailableException if requests are pending and no worker is left to run them
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  @Override
  public boolean waitForAll(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
    }
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    try {
      WorkRequest<?> request;
      while ((request = takeResult(true, deadline)) != null) {
        request.deliver();
      }
      return false;
    } catch (NoResultsPendingException done) {
      return true;
    }
  }

  /** Returns the number of requests put and not yet delivered. */
  @Override
  public int pendingRequestCount() {
    return pendingCount.get();
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  /** Returns the number of live (not dismissed) workers. */
  @Override
  public int workerCount() {
    return liveWorkerCount;
  }

  /**
   * Starts {@code count} new workers; {@code 0} does nothing. Does not block.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if the pool is shut down
   */
  public void createWorkers(int count) {
    requireNonNegative("count", count);
    mainLock.lock();
    int previous = workers.size();
    try {
      startWorkers(count);
    } finally {
      int current = workers.size();
      mainLock.unlock();
      // also after a failed thread start, for the workers that did start
      notifyWorkersChanged(previous, current);
    }
  }

  /**
   * Dismisses the newest {@code count} live workers (all of them if there are fewer), without
   * waiting for them. Same as {@code dismissWorkers(count, false)}.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public void dismissWorkers(int count) {
    dismissWorkers(count, false);
  }

  /**
   * Dismisses the newest {@code count} live workers (all of them if there are fewer); {@code 0}
   * does nothing. A dismissed worker finishes the job it is running, if any, and then exits; an
   * idle one exits at once without taking a job. Queued requests stay queued, in order, for the
   * other workers.
   *
   * @param count how many workers to dismiss
   * @param join whether to wait until they have exited; if not, they are joined by {@link
   *     #joinAllDismissedWorkers()}
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws CancellationException if {@code join} is set and the thread is interrupted while
   *     waiting; its interrupt flag is kept and the workers stay dismissed
   */
  public void dismissWorkers(int count, boolean join) {
    requireNonNegative("count", count);
    List<Worker> dismissedNow;
    int previous;
    mainLock.lock();
    try {
      previous = workers.size();
      dismissedNow = dismissNewest(count);
    } finally {
      mainLock.unlock();
    }
    for (Worker worker : dismissedNow) {
      worker.interruptIfIdle();
    }
    notifyWorkersChanged(previous, previous - dismissedNow.size());
    if (join) {
      joinAll(dismissedNow);
    }
  }

  /**
   * Waits until every dismissed worker has exited. Returns at once if there is none.
   *
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  public void joinAllDismissedWorkers() {
    List<Worker> snapshot;
    mainLock.lock();
    try {
      snapshot = new ArrayList<>(dismissedWorkers);
    } finally {
      mainLock.unlock();
    }
    joinAll(snapshot);
  }

  /**
   * Creates or dismisses workers so that {@code workers} are live, as {@link #createWorkers(int)}
   * and {@link #dismissWorkers(int)} do. Does not wait for dismissed workers to exit.
   *
   * @throws IllegalArgumentException if {@code workers} is negative
   * @throws IllegalStateException if workers must be created and the pool is shut down
   */
  public void resize(int workers) {
    requireNonNegative("workers", workers);
    int previous;
    List<Worker> dismissedNow = List.of();
    mainLock.lock();
    try {
      previous = this.workers.size();
      if (workers > previous) {
        startWorkers(workers - previous);
      } else {
        dismissedNow = dismissNewest(previous - workers);
      }
    } finally {
      mainLock.unlock();
    }
    for (Worker worker : dismissedNow) {
      worker.interruptIfIdle();
    }
    notifyWorkersChanged(previous, workers);
  }

  /** Starts {@code count} workers. Call with mainLock held. */
  private void startWorkers(int count) {
    if (count > 0 && state != RUNNING) {
      throw new IllegalStateException("cannot create workers: pool '" + name + "' is shut down");
    }
    for (int i = 0; i < count; i++) {
      Worker worker = new Worker(threadNamePrefix + name + "-" + ++workerNumbers);
      workers.add(worker);
      try {
        worker.thread.start();
      } catch (RuntimeException | Error e) {
        workers.remove(worker); // never started: it must not count as a worker that can deliver
        throw e;
      } finally {
        publishWorkerCounts();
      }
    }
  }

  /**
   * Marks the newest {@code count} live workers (fewer if there are fewer) dismissed and returns
   * them; the caller interrupts the idle ones after releasing the lock. Call with mainLock held.
   */
  private List<Worker> dismissNewest(int count) {
    List<Worker> dismissedNow = new ArrayList<>(Math.min(count, workers.size()));
    for (int i = 0; i < count && !workers.isEmpty(); i++) {
      Worker worker = workers.remove(workers.size() - 1);
      worker.dismissed = true;
      dismissedWorkers.add(worker);
      dismissedNow.add(worker);
    }
    publishWorkerCounts();
    return dismissedNow;
  }

  /**
   * Counts the worker threads, dismissed ones included, that hold their run lock: those running a
   * job. Counted on demand, as ThreadPoolExecutor does, so that workers share no counter.
   */
  private int busyWorkerCount() {
    mainLock.lock();
    try {
      int busy = 0;
      for (Worker worker : workers) {
        busy += worker.runLock.isLocked() ? 1 : 0;
      }
      for (Worker worker : dismissedWorkers) {
        busy += worker.runLock.isLocked() ? 1 : 0;
      }
      return busy;
    } finally {
      mainLock.unlock();
    }
  }

  /**
   * Returns a snapshot of the pool's sizes and counters. Never waits for the workers: it holds the
   * pool's worker list and the queue's lock only for a moment each.
   */
  @Override
  public ThreadPoolStats stats() {
    return new ThreadPoolStats(
        liveWorkerCount,
        busyWorkerCount(),
        dismissedWorkerCount,
        requestQueue.size(),
        requestQueueCapacity,
        pendingCount.get(),
        resultCount,
        completed.sum(),
        failed.sum(),
        rejected.sum());
  }

  // ---------------------------------------------------------------------------------------------
  // ExecutorService

  /**
   * Queues {@code command} to run on a worker, blocking while a bounded request queue is full. A
   * {@link WorkRequest} is {@linkplain #putRequest(WorkRequest) put} instead, so that its callbacks
   * run on the polling thread. An exception thrown by a task is counted as a failure and passed to
   * the worker thread's uncaught-exception handler; the worker goes on.
   *
   * @throws NullPointerException if {@code command} is {@code null}
   * @throws RejectedExecutionException if the pool is shut down (also while this call waits for
   *     room; noticed within the poll timeout), or the thread was interrupted while waiting for
   *     room (its interrupt flag is kept)
   */
  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    if (command instanceof WorkRequest<?> request) {
      putRequest(request);
      return;
    }
    if (state != RUNNING) {
      throw rejectShutdown(command);
    }
    Runnable job = toJob(command);
    enqueue(job, true, -1);
    // shutdown() may have come between the check and the put: take the task back if no worker has
    // taken it, or it might stay queued in a terminated pool
    if (state != RUNNING && requestQueue.remove(job)) {
      throw rejectShutdown(command);
    }
  }

  @Override
  protected <T extends @Nullable Object> RunnableFuture<T> newTaskFor(Callable<T> callable) {
    return new TrackedFuture<>(callable);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code runnable} is a {@link WorkRequest}: its callbacks
   *     must run on a polling thread, so put it with {@link #putRequest(WorkRequest)} instead
   */
  @Override
  protected <T extends @Nullable Object> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
    if (runnable instanceof WorkRequest<?> request) {
      throw new IllegalArgumentException(
          "cannot submit work request "
              + request.requestId()
              + ": its callbacks run on the polling thread; use putRequest or execute");
    }
    return new TrackedFuture<>(runnable, value);
  }

  /**
   * Stops accepting requests and tasks; queued ones still run, and results stay pollable. Workers
   * exit once the queue is empty. Work queued in a pool without workers stays queued until {@link
   * #shutdownNow()} hands it back. Does not wait: use {@link #awaitTermination} for that. Calling
   * it again has no effect.
   */
  @Override
  public void shutdown() {
    boolean terminated;
    mainLock.lock();
    try {
      if (state < SHUTDOWN) {
        state = SHUTDOWN;
      }
      for (Worker worker : workers) {
        worker.interruptIfIdle();
      }
      for (Worker worker : dismissedWorkers) {
        worker.interruptIfIdle();
      }
      terminated = tryTerminate();
    } finally {
      mainLock.unlock();
    }
    if (terminated) {
      notifyTerminated();
    }
  }

  /**
   * Stops accepting requests and tasks, removes every queued one and returns them, and interrupts
   * running ones. Removed work requests are no longer pending (so {@link #waitForAll()} does not
   * wait for them) and may be put again or {@linkplain WorkRequest#run() run} by the caller;
   * results of finished requests stay pollable. Does not wait: use {@link #awaitTermination} for
   * that.
   *
   * @return the requests and tasks that never started, in queue order ({@link WorkRequest}s among
   *     them, and the {@code Runnable}s or futures given to {@code execute}/{@code submit})
   */
  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> removed = new ArrayList<>();
    boolean terminated;
    mainLock.lock();
    try {
      if (state < STOP) {
        state = STOP;
      }
      for (Worker worker : workers) {
        worker.thread.interrupt();
      }
      for (Worker worker : dismissedWorkers) {
        worker.thread.interrupt();
      }
      requestQueue.drainTo(removed);
      for (int i = 0; i < removed.size(); i++) {
        Runnable work = DecoratedJob.unwrap(removed.get(i));
        removed.set(i, work);
        if (work instanceof WorkRequest<?> request) {
          forget(request);
          request.unclaim();
        }
      }
      terminated = tryTerminate();
    } finally {
      mainLock.unlock();
    }
    if (terminated) {
      notifyTerminated();
    }
    return removed;
  }

  @Override
  public boolean isShutdown() {
    return state >= SHUTDOWN;
  }

  /**
   * Returns {@code true} once the pool is shut down and every worker, dismissed ones included, has
   * exited.
   */
  @Override
  public boolean isTerminated() {
    return state == TERMINATED;
  }

  /**
   * Waits until the pool {@linkplain #isTerminated() is terminated} or the timeout elapses.
   *
   * @return {@code true} if terminated, {@code false} if the timeout elapsed first
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    mainLock.lock();
    try {
      while (state != TERMINATED) {
        if (nanos <= 0) {
          return false;
        }
        nanos = terminationCondition.awaitNanos(nanos);
      }
      return true;
    } finally {
      mainLock.unlock();
    }
  }

  /**
   * Shuts the pool down and waits until it is terminated: queued work runs to completion first,
   * provided the pool has workers (work queued in a pool without workers stays queued, see {@link
   * #shutdown()}). If interrupted while waiting, it {@linkplain #shutdownNow() stops} the pool,
   * waits for the workers to exit and keeps the interrupt flag. Calling it again has no effect.
   *
   * <p>With a bounded result queue, workers wait while it is full; if nobody polls, {@code close()}
   * waits with them. Poll from another thread, or use {@link #shutdownNow()}, which lets workers
   * queue their last results beyond the capacity.
   */
  @Override
  public void close() {
    shutdown();
    boolean interrupted = false;
    while (!isTerminated()) {
      try {
        awaitTermination(1, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        if (!interrupted) {
          shutdownNow();
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    ThreadPoolStats stats = stats();
    return "ThreadPool["
        + name
        + ", "
        + stateName()
        + ", workers="
        + stats.workers()
        + ", busy="
        + stats.busyWorkers()
        + ", queued="
        + stats.queueDepth()
        + ", pending="
        + stats.pendingRequests()
        + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private String stateName() {
    return switch (state) {
      case RUNNING -> "running";
      case SHUTDOWN -> "shut down";
      case STOP -> "stopped";
      default -> "terminated";
    };
  }

  private RejectedExecutionException rejectShutdown(Object job) {
    rejected.increment();
    return new RejectedExecutionException(
        "pool '" + name + "' is " + stateName() + " and accepts no more work: " + job);
  }

  /**
   * Adds a job to the request queue. A blocking wait for room is cut into slices of the poll
   * timeout, so that a put blocked on a full queue notices a shutdown: in a pool without workers
   * nothing else would ever end it.
   *
   * @param timeoutNanos how long to wait for room when blocking; negative waits as long as it takes
   * @return {@code false} if the queue stayed full
   * @throws RejectedExecutionException if the pool was shut down while waiting for room, or the
   *     thread was interrupted (its interrupt flag is kept)
   */
  private boolean enqueue(Runnable job, boolean block, long timeoutNanos) {
    if (!block) {
      return requestQueue.offer(job);
    }
    long deadline = timeoutNanos < 0 ? NO_DEADLINE : System.nanoTime() + timeoutNanos;
    try {
      for (; ; ) {
        long waitNanos = pollTimeoutNanos;
        if (deadline != NO_DEADLINE) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return requestQueue.offer(job);
          }
          waitNanos = Math.min(waitNanos, remaining);
        }
        if (requestQueue.offer(job, waitNanos, TimeUnit.NANOSECONDS)) {
          return true;
        }
        if (state != RUNNING) {
          throw rejectShutdown(job);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      rejected.increment();
      RejectedExecutionException rejection =
          new RejectedExecutionException(
              "interrupted while waiting for room in the request queue of pool '" + name + "'");
      rejection.initCause(e);
      throw rejection;
    }
  }

  /**
   * Removes a request from the pending ones, as it is delivered or will never be. Call with
   * resultLock held, once per request put.
   *
   * @return {@code true} if no request is pending any more
   */
  private boolean unregister(WorkRequest<?> request) {
    if (!request.hasGeneratedId()) {
      pendingByCallerId.remove(request.requestId(), request);
    }
    return pendingCount.decrementAndGet() == 0;
  }

  /** Removes a request that will never be delivered from the pending ones. */
  private void forget(WorkRequest<?> request) {
    resultLock.lock();
    try {
      if (unregister(request)) {
        resultsChanged.signalAll();
      }
    } finally {
      resultLock.unlock();
    }
  }

  /**
   * Takes the next finished request off the result queue and removes it from the pending set.
   *
   * @param deadline the {@link System#nanoTime()} at which a blocking wait gives up, or {@link
   *     #NO_DEADLINE}
   * @return the request, or {@code null} if none is available and {@code block} is false or the
   *     deadline passed
   */
  private @Nullable WorkRequest<?> takeResult(boolean block, long deadline) {
    resultLock.lock();
    try {
      for (; ; ) {
        if (pendingCount.get() == 0) {
          throw new NoResultsPendingException(name);
        }
        WorkRequest<?> request = results.poll();
        if (request != null) {
          resultCount = results.size();
          resultSpace.signal();
          if (unregister(request)) {
            resultsChanged.signalAll(); // let other pollers see that nothing is pending
          }
          return request;
        }
        if (!block) {
          return null;
        }
        if (workerThreadCount == 0) {
          throw new NoWorkersAvailableException(name, pendingCount.get());
        }
        // Every event that could end this wait signals resultsChanged; the poll timeout only
        // bounds the wait as a safety net.
        long waitNanos = pollTimeoutNanos;
        if (deadline != NO_DEADLINE) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return null;
          }
          waitNanos = Math.min(waitNanos, remaining);
        }
        resultsChanged.awaitNanos(waitNanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancellation =
          new CancellationException(
              "interrupted while waiting for results of pool '"
                  + name
                  + "'; the interrupt flag is kept");
      cancellation.initCause(e);
      throw cancellation;
    } finally {
      resultLock.unlock();
    }
  }

  /** Called by a worker with a finished request; waits while a bounded result queue is full. */
  private void queueResult(WorkRequest<?> request) {
    boolean interrupted = false;
    resultLock.lock();
    try {
      // Once stopped nobody may poll again soon: never hold a worker back then (nothing is lost,
      // the queue only grows beyond its capacity).
      while (resultQueueCapacity != 0 && results.size() >= resultQueueCapacity && state < STOP) {
        try {
          resultSpace.await();
        } catch (InterruptedException e) {
          interrupted = true; // a task left the flag set, or shutdownNow(): check the state again
        }
      }
      results.add(request);
      resultCount = results.size();
      resultsChanged.signal();
    } finally {
      resultLock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the next job for {@code worker}, or {@code null} if it must exit: it is dismissed, or
   * the pool is stopped, or shut down with an empty queue.
   */
  private @Nullable Runnable nextJob(Worker worker) {
    for (; ; ) {
      if (worker.dismissed || state >= STOP) {
        return null;
      }
      Runnable job;
      try {
        job = state == RUNNING ? requestQueue.take() : requestQueue.poll();
      } catch (InterruptedException e) {
        continue; // dismissed, shut down, or stopped: check again
      }
      // The interrupt that dismisses an idle worker can lose the race with a put's wake-up, and
      // take() then returns a job although the worker is dismissed. It has not started the job:
      // give it back at the head, where it was, so that dismissal neither takes nor reorders it.
      // (Only if a put has filled the queue since then does the worker run it after all.)
      if (job != null && worker.dismissed && requestQueue.offerFirst(job)) {
        // Once the pool has left RUNNING, the other workers may already have found the queue
        // empty and exited (and shutdownNow() may have drained it without this job): take the job
        // again, if no other worker has, and run it, as a worker that took a job before the
        // shutdown does.
        if (state == RUNNING || !requestQueue.remove(job)) {
          return null;
        }
      }
      return job;
    }
  }

  /**
   * Returns what the request queue holds for {@code work}: the work itself, or, with a task
   * decorator, the work wrapped in its decoration (made here, on the putting thread).
   */
  private Runnable toJob(Runnable work) {
    return taskDecorator == null ? work : new DecoratedJob(work, taskDecorator);
  }

  /** Runs a job taken off the request queue; never throws. */
  private void runJob(Worker worker, Runnable job) {
    if (job instanceof DecoratedJob decorated) {
      Throwable problem = decorated.run(work -> runWork(worker, work));
      if (problem != null) {
        fail(decorated.work, problem);
      }
    } else {
      runWork(worker, job);
    }
  }

  /** Runs a request or a task, counts its outcome and queues a request's result; never throws. */
  private void runWork(Worker worker, Runnable work) {
    if (work instanceof WorkRequest<?> request) {
      (request.execute() ? completed : failed).increment();
      queueResult(request);
      return;
    }
    worker.outcome = Worker.COMPLETED;
    try {
      work.run(); // a future of this pool records its outcome in worker.outcome, even when wrapped
      if (worker.outcome != Worker.SKIPPED) {
        (worker.outcome == Worker.FAILED ? failed : completed).increment();
      }
    } catch (Throwable t) {
      failed.increment();
      reportUncaught(t);
    }
  }

  /**
   * Gives work that a task decorator kept from running its outcome: a request's exception callback
   * or a future's exception; otherwise the worker's uncaught-exception handler.
   */
  private void fail(Runnable work, Throwable problem) {
    failed.increment();
    if (work instanceof WorkRequest<?> request) {
      request.fail(problem);
      queueResult(request);
    } else if (work instanceof TrackedFuture<?> future) {
      future.setException(problem);
    } else {
      reportUncaught(problem);
    }
  }

  private static void reportUncaught(Throwable t) {
    Thread current = Thread.currentThread();
    current.getUncaughtExceptionHandler().uncaughtException(current, t);
  }

  private void workerExited(Worker worker) {
    boolean terminated;
    mainLock.lock();
    try {
      if (!dismissedWorkers.remove(worker)) {
        workers.remove(worker); // exited without being dismissed: the pool is stopping
      }
      publishWorkerCounts();
      terminated = tryTerminate();
    } finally {
      mainLock.unlock();
    }
    if (workerThreadCount == 0) {
      resultLock.lock();
      try {
        resultsChanged.signalAll(); // pollers waiting for a result must now give up
      } finally {
        resultLock.unlock();
      }
    }
    if (terminated) {
      notifyTerminated();
    }
  }

  /** Publishes the sizes of the worker lists to lock-free readers. Call with mainLock held. */
  private void publishWorkerCounts() {
    workerThreadCount = workers.size() + dismissedWorkers.size();
    liveWorkerCount = workers.size();
    dismissedWorkerCount = dismissedWorkers.size();
  }

  /**
   * Moves a shut-down pool to TERMINATED once no worker thread is left. Work still queued then (a
   * pool shut down without workers) stays queued for {@link #shutdownNow()} to hand back. Call with
   * mainLock held.
   *
   * @return {@code true} if this call terminated the pool
   */
  private boolean tryTerminate() {
    if (state != RUNNING
        && state != TERMINATED
        && workers.isEmpty()
        && dismissedWorkers.isEmpty()) {
      state = TERMINATED;
      terminationCondition.signalAll();
      return true;
    }
    return false;
  }

  private void notifyWorkersChanged(int previous, int current) {
    if (previous != current) {
      notifyListeners(listener -> listener.workersChanged(this, previous, current));
    }
  }

  private void notifyTerminated() {
    notifyListeners(listener -> listener.terminated(this));
  }

  private void notifyListeners(Consumer<ThreadPoolListener> event) {
    for (ThreadPoolListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOGGER.log(
            System.Logger.Level.WARNING,
            "listener " + listener + " of pool '" + name + "' failed",
            e);
      }
    }
  }

  private static void joinAll(List<Worker> toJoin) {
    Thread current = Thread.currentThread();
    for (Worker worker : toJoin) {
      if (worker.thread == current) {
        continue; // a worker dismissing itself cannot wait for itself
      }
      try {
        worker.thread.join();
      } catch (InterruptedException e) {
        current.interrupt();
        CancellationException cancellation =
            new CancellationException(
                "interrupted while joining dismissed workers; the interrupt flag is kept");
        cancellation.initCause(e);
        throw cancellation;
      }
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static int requireNonNegative(String parameter, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(parameter + " must be >= 0, was " + value);
    }
    return value;
  }

  /**
   * A worker thread. It holds its run lock while it runs a job and queues the job's outcome, so
   * that dismissal and shutdown can interrupt exactly the idle workers (those blocked on the
   * request queue) by acquiring the lock first, and never interrupt a running job.
   */
  private final class Worker implements Runnable {

    // The outcome of the task being run, as its future saw it (see TrackedFuture).
    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int SKIPPED = 2;

    final Thread thread;
    final ReentrantLock runLock = new ReentrantLock();
    volatile boolean dismissed;
    int outcome; // written and read by this worker's thread only

    Worker(String threadName) {
      this.thread = new Thread(this, threadName);
      this.thread.setDaemon(daemon);
    }

    @Override
    public void run() {
      CURRENT_WORKER.set(this);
      try {
        Runnable job;
        while ((job = nextJob(this)) != null) {
          runLock.lock();
          try {
            // An interrupt meant for the idle worker must not reach the job; one from
            // shutdownNow() must. Check the state again after clearing, as shutdownNow() may
            // have interrupted in between.
            if (Thread.interrupted() && state >= STOP) {
              thread.interrupt();
            }
            runJob(this, job);
          } finally {
            runLock.unlock();
          }
        }
      } finally {
        workerExited(this);
      }
    }

    void interruptIfIdle() {
      if (runLock.tryLock()) {
        try {
          thread.interrupt();
        } finally {
          runLock.unlock();
        }
      }
    }
  }

  /**
   * A request or task with the decoration made when it was put: the queue holds this, so that
   * shutdownNow() can hand back the original work and a decorator that fails or never runs the work
   * cannot lose it.
   */
  private static final class DecoratedJob implements Runnable {

    final Runnable work;
    private final Runnable decorated;
    private @Nullable Consumer<Runnable> runner;
    private boolean ran;

    DecoratedJob(Runnable work, UnaryOperator<Runnable> decorator) {
      this.work = work;
      this.decorated =
          Objects.requireNonNull(decorator.apply(this), "taskDecorator returned null for " + work);
    }

    static Runnable unwrap(Runnable job) {
      return job instanceof DecoratedJob decorated ? decorated.work : job;
    }

    /** Called by the decoration, on the worker. */
    @Override
    public void run() {
      Consumer<Runnable> current = runner;
      if (ran || current == null) {
        throw new IllegalStateException("the work of a decorated job runs once, on a worker");
      }
      ran = true;
      current.accept(work);
    }

    /**
     * Runs the decoration, which runs the work through {@code runner}.
     *
     * @return what kept the work from running, or {@code null} if it ran
     */
    @Nullable Throwable run(Consumer<Runnable> runner) {
      this.runner = runner;
      Throwable thrown = null;
      try {
        decorated.run();
      } catch (Throwable t) {
        thrown = t;
      }
      if (ran) {
        if (thrown != null) {
          reportUncaught(thrown); // thrown by the decoration after the work ran
        }
        return null;
      }
      return thrown != null
          ? thrown
          : new IllegalStateException("the task decorator did not run " + work);
    }

    @Override
    public String toString() {
      return work.toString();
    }
  }

  /**
   * A future that tells the worker running it whether its task threw or was cancelled before it
   * ran, so that the pool counts it right even when another future wraps it (as {@code invokeAny}'s
   * completion service does).
   */
  private static final class TrackedFuture<T extends @Nullable Object> extends FutureTask<T> {

    TrackedFuture(Callable<T> callable) {
      super(callable);
    }

    TrackedFuture(Runnable runnable, T result) {
      super(runnable, result);
    }

    @Override
    public void run() {
      if (isDone()) {
        record(Worker.SKIPPED); // cancelled before it ran
      }
      super.run();
    }

    @Override
    public void setException(Throwable t) {
      record(Worker.FAILED);
      super.setException(t);
    }

    private static void record(int outcome) {
      Worker worker = CURRENT_WORKER.get();
      if (worker != null) {
        worker.outcome = outcome;
      }
    }
  }

  /**
   * A builder of a {@link ThreadPool}. Each setter validates its argument at once.
   *
   * <table>
   *   <caption>Settings and defaults</caption>
   *   <tr><th>setting</th><th>default</th></tr>
   *   <tr><td>{@link #workers(int)}</td><td>0</td></tr>
   *   <tr><td>{@link #requestQueueCapacity(int)}</td><td>0 (unbounded)</td></tr>
   *   <tr><td>{@link #resultQueueCapacity(int)}</td><td>0 (unbounded)</td></tr>
   *   <tr><td>{@link #pollTimeout(Duration)}</td><td>5 seconds</td></tr>
   *   <tr><td>{@link #name(String)}</td><td>{@code pool-<n>}, n counting pools in the JVM</td></tr>
   *   <tr><td>{@link #threadNamePrefix(String)}</td><td>{@code threadpool-}</td></tr>
   *   <tr><td>{@link #daemon(boolean)}</td><td>true</td></tr>
   * </table>
   */
  public static final class Builder {

    /** The default {@link #pollTimeout(Duration)}. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(5);

    /** The default {@link #threadNamePrefix(String)}. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "threadpool-";

    private int workers;
    private int requestQueueCapacity;
    private int resultQueueCapacity;
    private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
    private @Nullable String name;
    private String threadNamePrefix = DEFAULT_THREAD_NAME_PREFIX;
    private boolean daemon = true;
    private @Nullable UnaryOperator<Runnable> taskDecorator;
    private final List<ThreadPoolListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the number of workers the pool starts with.
     *
     * @throws IllegalArgumentException if {@code workers} is negative
     */
    public Builder workers(int workers) {
      this.workers = requireNonNegative("workers", workers);
      return this;
    }

    /**
     * Sets the capacity of the request queue; {@code 0} means unbounded.
     *
     * @throws IllegalArgumentException if {@code requestQueueCapacity} is negative
     */
    public Builder requestQueueCapacity(int requestQueueCapacity) {
      this.requestQueueCapacity = requireNonNegative("requestQueueCapacity", requestQueueCapacity);
      return this;
    }

    /**
     * Sets the capacity of the result queue; {@code 0} means unbounded. While it is full, workers
     * wait for a poll before they queue another result.
     *
     * @throws IllegalArgumentException if {@code resultQueueCapacity} is negative
     */
    public Builder resultQueueCapacity(int resultQueueCapacity) {
      this.resultQueueCapacity = requireNonNegative("resultQueueCapacity", resultQueueCapacity);
      return this;
    }

    /**
     * Sets how long a blocked {@code poll(true)} waits before it checks the pool's state again.
     * Every event that matters wakes it at once; this is only a safety net. A put waiting for room
     * in a full request queue also checks, at this interval, whether the pool was shut down. Idle
     * workers do not use it: they block until work arrives.
     *
     * @throws NullPointerException if {@code pollTimeout} is {@code null}
     * @throws IllegalArgumentException if {@code pollTimeout} is not positive
     */
    public Builder pollTimeout(Duration pollTimeout) {
      Objects.requireNonNull(pollTimeout, "pollTimeout");
      if (pollTimeout.isNegative() || pollTimeout.isZero()) {
        throw new IllegalArgumentException("pollTimeout must be > 0, was " + pollTimeout);
      }
      this.pollTimeout = pollTimeout;
      return this;
    }

    /**
     * Sets the pool's name, used in thread names and messages.
     *
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the prefix of worker thread names, which are {@code <prefix><name>-<n>}.
     *
     * @throws NullPointerException if {@code threadNamePrefix} is {@code null}
     */
    public Builder threadNamePrefix(String threadNamePrefix) {
      this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
      return this;
    }

    /** Sets whether worker threads are daemon threads, which do not keep the JVM alive. */
    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /**
     * Sets a decorator applied to every request and task when it is put, on the putting thread. It
     * receives a {@code Runnable} that runs the work and returns the {@code Runnable} a worker runs
     * in its place: the way to carry context (MDC, tracing, security) from the putting thread to
     * the worker. The decoration must run the given {@code Runnable} once; if it throws before, or
     * never runs it, the work fails with that exception (a request's exception callback receives
     * it). The decorator does not apply to callbacks, which run on the polling thread. {@code null}
     * (the default) decorates nothing.
     */
    public Builder taskDecorator(@Nullable UnaryOperator<Runnable> taskDecorator) {
      this.taskDecorator = taskDecorator;
      return this;
    }

    /**
     * Adds a listener that is told when the number of live workers changes and when the pool
     * terminates. May be called several times; listeners are called in the order they were added.
     *
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public Builder listener(ThreadPoolListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Returns a new running pool with these settings; the builder may be used again. */
    public ThreadPool build() {
      return new ThreadPool(this);
    }
  }
}
