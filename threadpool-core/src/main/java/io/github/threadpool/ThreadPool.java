package io.github.threadpool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
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
 * periodically. Dismissal, shutdown and resizing never interrupt a running job, also when the job
 * itself calls them on its own pool; only {@link #shutdownNow()} interrupts running work.
 *
 * <h2>Queues</h2>
 *
 * The request queue holds requests and tasks in arrival order; with {@link
 * Builder#requestQueueCapacity(int) a capacity} a put blocks while it is full (or fails, see {@link
 * #putRequest(WorkRequest, boolean, Duration)}). The result queue holds outcomes until polled; with
 * {@link Builder#resultQueueCapacity(int) a capacity} workers wait while it is full, in the order
 * they finished, which slows producers down to the pace of the polling thread (a dismissed worker
 * never waits: it queues its last result and exits). Capacity 0 means unbounded. The request
 * queue's capacity may change while the pool runs ({@link #setRequestQueueCapacity(int)}).
 *
 * <h2>Lifecycle</h2>
 *
 * <table>
 *   <caption>States; transitions only go down the table</caption>
 *   <tr><th>state</th><th>accepts puts</th><th>runs queued work</th><th>entered by</th></tr>
 *   <tr><td>running</td><td>yes</td><td>yes</td><td>construction</td></tr>
 *   <tr><td>shut down</td><td>no</td><td>yes, then workers exit (a pool without workers starts
 *       one to run what is queued)</td><td>{@link #shutdown()}, {@link #close()}</td></tr>
 *   <tr><td>stopped</td><td>no</td><td>no: queued work is handed back, running work
 *       interrupted</td><td>{@link #shutdownNow()}</td></tr>
 *   <tr><td>terminated</td><td>no</td><td>no</td><td>nothing is queued, the last worker
 *       (dismissed ones included) has exited, and every {@link ThreadPoolListener#terminated}
 *       listener has returned</td></tr>
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

  /** How many finished requests a poller takes off the result queue at once. */
  private static final int DELIVERY_BATCH = 64;

  private final String name;
  private final @Nullable UnaryOperator<Runnable> taskDecorator;
  private final @Nullable WorkObserver observer;

  // The rooms; each guards its own invariants (see their class comments).
  private final RequestQueue requestQueue;
  private final ResultChannel results;
  private final WorkerSet workers;
  private final ListenerDispatch events;

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
    this.taskDecorator = builder.taskDecorator;
    this.observer = builder.observer;
    this.events = new ListenerDispatch(this, builder.listeners);
    this.results =
        new ResultChannel(
            name,
            builder.resultQueueCapacity,
            saturatedNanos(builder.pollTimeout),
            this::workerThreadCount,
            this::isStopping);
    this.requestQueue = new RequestQueue(builder.requestQueueCapacity, results::accepted);
    this.workers =
        new WorkerSet(
            this,
            builder.threadNamePrefix,
            builder.daemon,
            requestQueue,
            results,
            events,
            builder.threadStarter);
    try {
      workers.startInitial(builder.workers);
    } catch (RuntimeException | Error e) {
      events.mute(); // nobody gets a reference to this pool: tell no listener about it
      shutdownNow(); // end the workers that did start
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
   *     room), or the thread was interrupted while waiting for room (its interrupt flag is kept)
   */
  @Override
  public void putRequest(WorkRequest<?> request) {
    putRequest(request, true, null);
  }

  /**
   * Puts a request into the request queue. Once this method returns, the request is pending: its
   * outcome will be delivered by {@code poll}, unless {@link #shutdownNow()} hands it back. If it
   * throws, the request was not accepted and left no trace: it may be put again. A put waiting for
   * room is not pending yet, but its id is reserved: a put with an equal id is refused meanwhile.
   *
   * <p>The request's id is compared with the ids of pending requests here, on this thread: if its
   * {@code hashCode} or {@code equals} throws, so does this method, and nothing is put.
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
   *     room), or the thread was interrupted while waiting for room (its interrupt flag is kept)
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
    Runnable job = null;
    try {
      if (workers.state() != WorkerSet.RUNNING) {
        throw rejectShutdown(request);
      }
      results.reserveId(request);
      try {
        job = toJob(request); // decorate only a request that can be accepted
        int outcome = offer(job, true, block, timeoutNanos);
        if (outcome == RequestQueue.FULL) {
          rejected.increment();
          throw new QueueFullException(name, requestQueue.capacity());
        } else if (outcome == RequestQueue.CLOSED) {
          throw rejectShutdown(request);
        }
      } catch (RuntimeException | Error e) {
        results.releaseId(request);
        job = null;
        throw e;
      }
    } finally {
      if (job == null) {
        request.unclaim();
      }
    }
    observeQueued(job);
  }

  /**
   * Delivers results of finished requests to their callbacks, on this thread, in completion order.
   *
   * <p>Without blocking, it delivers every result available now and returns. Blocking, it keeps
   * delivering, waiting for results as needed, until no request is pending. In both modes it throws
   * {@link NoResultsPendingException} once nothing is pending, also right after it delivered the
   * last result (as the Python original does). A request stays pending until its callback has
   * returned, so another thread's {@code waitForAll()} does not return while this thread still runs
   * the last callback; its id is free again as soon as its callback starts.
   *
   * <p>If a callback throws, its request counts as delivered, the exception propagates, and results
   * not delivered yet stay queued, in order, for the next call.
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
    deliverResults(block, false, 0);
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
      deliverResults(true, false, 0);
    } catch (NoResultsPendingException done) {
      // nothing (left) pending: the normal way out
    }
  }

  /**
   * Delivers results, as {@code poll(true)} does, until no request is pending or the timeout
   * elapses. After the timeout it starts no further callback, so it returns by then plus, at most,
   * the time of one callback (a zero timeout delivers at most one available result).
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
      deliverResults(true, true, deadline);
      return false;
    } catch (NoResultsPendingException done) {
      return true;
    }
  }

  /**
   * Returns the number of requests put and not yet delivered: accepted by a put, and whose callback
   * has not returned yet.
   */
  @Override
  public int pendingRequestCount() {
    return results.pending();
  }

  // ---------------------------------------------------------------------------------------------
  // Workers

  /** Returns the number of live (not dismissed) workers. */
  @Override
  public int workerCount() {
    return workers.liveCount();
  }

  /**
   * Starts {@code count} new workers; {@code 0} does nothing. Does not block.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if the pool is shut down
   */
  public void createWorkers(int count) {
    requireNonNegative("count", count);
    workers.create(count);
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
   * other workers. A job that dismisses its own worker is not interrupted: it runs to its end.
   *
   * @param count how many workers to dismiss
   * @param join whether to wait until they have exited; if not, they are joined by {@link
   *     #joinAllDismissedWorkers()}
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if {@code join} is set and this is a worker thread of this pool,
   *     which cannot wait for other workers (they might be waiting for it); nothing is dismissed
   * @throws CancellationException if {@code join} is set and the thread is interrupted while
   *     waiting; its interrupt flag is kept and the workers stay dismissed
   */
  public void dismissWorkers(int count, boolean join) {
    requireNonNegative("count", count);
    if (join) {
      refuseJoinOnWorker("dismissWorkers(count, true)");
    }
    List<Worker> dismissedNow = workers.dismiss(count);
    if (join) {
      WorkerSet.join(dismissedNow);
    }
  }

  /**
   * Waits until every dismissed worker has exited. Returns at once if there is none.
   *
   * @throws IllegalStateException if called on a worker thread of this pool, which cannot wait for
   *     other workers (they might be waiting for it)
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  public void joinAllDismissedWorkers() {
    refuseJoinOnWorker("joinAllDismissedWorkers()");
    WorkerSet.join(workers.dismissedWorkers());
  }

  /**
   * Creates or dismisses workers so that {@code workers} are live, as {@link #createWorkers(int)}
   * and {@link #dismissWorkers(int)} do. Does not wait for dismissed workers to exit. Listeners are
   * told the real change, also if starting a thread fails part way.
   *
   * @throws IllegalArgumentException if {@code workers} is negative
   * @throws IllegalStateException if workers must be created and the pool is shut down
   */
  public void resize(int workers) {
    requireNonNegative("workers", workers);
    this.workers.resize(workers);
  }

  /**
   * Sets the capacity of the request queue while the pool runs; {@code 0} means unbounded. Growing
   * it wakes puts waiting for room. Shrinking it below the number of queued jobs drops and reorders
   * nothing: queued work stays, and puts wait (or time out, or fail when not blocking) until the
   * queue holds fewer jobs than the new capacity. Listeners are told of a change through {@link
   * ThreadPoolListener#requestQueueCapacityChanged}, in the order of the changes.
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public void setRequestQueueCapacity(int capacity) {
    requireNonNegative("requestQueueCapacity", capacity);
    requestQueue.setCapacity(
        capacity,
        previous -> {
          if (previous != capacity) {
            events.post(listener -> listener.requestQueueCapacityChanged(this, previous, capacity));
          }
        });
    events.deliver();
  }

  /** Returns the capacity of the request queue, {@code 0} when unbounded. */
  public int requestQueueCapacity() {
    return requestQueue.capacity();
  }

  /**
   * Returns a snapshot of the pool's sizes and counters. Never waits for the workers: it holds the
   * lock of the pool's worker list for a moment, which workers take only when they exit.
   */
  @Override
  public ThreadPoolStats stats() {
    long[] outcomes = workers.outcomes();
    return new ThreadPoolStats(
        workers.liveCount(),
        workers.busyCount(),
        workers.dismissedCount(),
        requestQueue.size(),
        requestQueue.capacity(),
        results.pending(),
        results.queuedResults(),
        outcomes[0],
        outcomes[1],
        rejected.sum());
  }

  // ---------------------------------------------------------------------------------------------
  // ExecutorService

  /**
   * Queues {@code command} to run on a worker, blocking while a bounded request queue is full. A
   * {@link WorkRequest} is {@linkplain #putRequest(WorkRequest) put} instead, so that its callbacks
   * run on the polling thread. An exception thrown by a task is counted as a failure and passed to
   * the worker thread's uncaught-exception handler; the worker goes on, also if reporting fails.
   *
   * @throws NullPointerException if {@code command} is {@code null}
   * @throws RejectedExecutionException if the pool is shut down (also while this call waits for
   *     room), or the thread was interrupted while waiting for room (its interrupt flag is kept)
   */
  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    if (command instanceof WorkRequest<?> request) {
      putRequest(request);
      return;
    }
    if (workers.state() != WorkerSet.RUNNING) {
      throw rejectShutdown(command);
    }
    Runnable job = toJob(command);
    if (offer(job, false, true, -1) != RequestQueue.ACCEPTED) {
      throw rejectShutdown(command);
    }
    observeQueued(job);
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
              + Describe.value(request.requestId())
              + ": its callbacks run on the polling thread; use putRequest or execute");
    }
    return new TrackedFuture<>(runnable, value);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The timeout also bounds the wait for room in a full request queue: tasks that could not be
   * queued in time are cancelled, as are those that did not finish in time.
   */
  @Override
  public <T extends @Nullable Object> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(unit, "unit");
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    boolean done = false;
    try {
      for (Callable<T> task : tasks) {
        futures.add(newTaskFor(Objects.requireNonNull(task, "task")));
      }
      for (Future<T> future : futures) {
        if (!queueUntil((Runnable) future, deadline)) {
          return futures; // timed out: the finally block cancels the rest
        }
      }
      for (Future<T> future : futures) {
        if (!future.isDone()) {
          try {
            future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          } catch (CancellationException | ExecutionException ignored) {
            // the future reports it
          } catch (TimeoutException timedOut) {
            return futures;
          }
        }
      }
      done = true;
      return futures;
    } finally {
      if (!done) {
        for (Future<T> future : futures) {
          future.cancel(true);
        }
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Tasks are queued one at a time, the next only while no earlier one has succeeded; the others
   * are cancelled once one has.
   */
  @Override
  public <T extends @Nullable Object> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    try {
      return invokeAny(tasks, false, 0);
    } catch (TimeoutException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The timeout also bounds the wait for room in a full request queue.
   */
  @Override
  public <T extends @Nullable Object> T invokeAny(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    Objects.requireNonNull(unit, "unit");
    return invokeAny(tasks, true, System.nanoTime() + unit.toNanos(timeout));
  }

  private <T extends @Nullable Object> T invokeAny(
      Collection<? extends Callable<T>> tasks, boolean timed, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    Objects.requireNonNull(tasks, "tasks");
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("tasks must not be empty");
    }
    BlockingQueue<Future<T>> finished = new LinkedBlockingQueue<>();
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    Iterator<? extends Callable<T>> remaining = tasks.iterator();
    ExecutionException lastFailure = null;
    try {
      int active = 0;
      for (; ; ) {
        Future<T> future = finished.poll();
        if (future == null) {
          if (remaining.hasNext()) {
            TrackedFuture<T> next =
                new TrackedFuture<>(Objects.requireNonNull(remaining.next(), "task")) {
                  @Override
                  protected void done() {
                    finished.add(this);
                  }
                };
            futures.add(next);
            if (timed ? !queueUntil(next, deadline) : !queueUntil(next, Long.MAX_VALUE, false)) {
              throw new TimeoutException("no room in the request queue of pool '" + name + "'");
            }
            active++;
            continue;
          }
          if (active == 0) {
            break;
          }
          if (timed) {
            future = finished.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (future == null) {
              throw new TimeoutException();
            }
          } else {
            future = finished.take();
          }
        }
        active--;
        try {
          return future.get();
        } catch (ExecutionException e) {
          lastFailure = e;
        } catch (CancellationException e) {
          lastFailure = new ExecutionException(e);
        }
      }
      throw lastFailure != null ? lastFailure : new ExecutionException("no task succeeded", null);
    } finally {
      for (Future<T> future : futures) {
        future.cancel(true);
      }
    }
  }

  /**
   * Stops accepting requests and tasks; queued ones still run, and results stay pollable. Workers
   * exit once the queue is empty; if no worker is left while work is queued (none was ever started,
   * or all were dismissed), the pool starts one to run it. Does not wait: use {@link
   * #awaitTermination} for that. Never interrupts a running job, even when the job itself calls it.
   * Calling it again has no effect.
   */
  @Override
  public void shutdown() {
    workers.shutdown();
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
    List<Runnable> removed = workers.stop();
    for (int i = 0; i < removed.size(); i++) {
      Runnable job = removed.get(i);
      if (job instanceof Job j) {
        removed.set(i, j.work);
        WorkTicket ticket = j.ticket;
        if (ticket != null && observer != null) {
          ticket.removed();
          try {
            observer.removed(this, ticket);
          } catch (Throwable t) {
            observerFailed(t);
          }
        }
      }
    }
    return removed;
  }

  @Override
  public boolean isShutdown() {
    return workers.state() >= WorkerSet.SHUTDOWN;
  }

  /**
   * Returns {@code true} once the pool is shut down, nothing is queued, every worker (dismissed
   * ones included) has exited, and the {@link ThreadPoolListener#terminated} listeners have
   * returned.
   */
  @Override
  public boolean isTerminated() {
    return workers.state() == WorkerSet.TERMINATED;
  }

  /**
   * Waits until the pool {@linkplain #isTerminated() is terminated} or the timeout elapses. Called
   * on a worker of this pool, or from a listener of it, it cannot return {@code true} before the
   * timeout (termination waits for that thread).
   *
   * @return {@code true} if terminated, {@code false} if the timeout elapsed first
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return workers.awaitTermination(timeout, unit);
  }

  /**
   * Shuts the pool down and waits until it is terminated: queued work runs to completion first. If
   * interrupted while waiting, it {@linkplain #shutdownNow() stops} the pool, waits for the workers
   * to exit and keeps the interrupt flag. Calling it again has no effect.
   *
   * <p>With a bounded result queue, workers wait while it is full; if nobody polls, {@code close()}
   * waits with them. Poll from another thread, or use {@link #shutdownNow()}, which lets workers
   * queue their last results beyond the capacity.
   *
   * @throws IllegalStateException if called on a worker thread of this pool or from one of its
   *     listeners, which termination would wait for: the pool is shut down (its queued work still
   *     runs), but this call cannot wait for it
   */
  @Override
  public void close() {
    shutdown();
    if (workers.isWorkerThread() || events.isDeliveringThread()) {
      if (isTerminated()) {
        return;
      }
      throw new IllegalStateException(
          "close() was called on a thread that pool '"
              + name
              + "' waits for (one of its workers or listeners); the pool is shut down and its"
              + " queued work still runs, but this thread cannot wait for it to terminate");
    }
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
        + workers.stateName()
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
  // Internals: what the rooms call back

  boolean isStopping() {
    return workers.state() >= WorkerSet.STOP;
  }

  private int workerThreadCount() {
    return workers.threadCount();
  }

  /** A worker's life: take jobs and run them until the queue says stop. */
  void runWorker(Worker worker) {
    boolean abruptly = true;
    try {
      Runnable job;
      while ((job = requestQueue.take(worker)) != null) {
        worker.busy(true);
        // An interrupt left over from a task, or meant for an idle worker, must not reach the
        // next job; one from shutdownNow() must.
        if (Thread.interrupted() && isStopping()) {
          worker.thread.interrupt();
        }
        runJob(worker, job);
        worker.busy(false);
      }
      abruptly = false;
    } finally {
      workers.exited(worker, abruptly);
    }
  }

  /** Runs a job taken off the request queue, counts it and queues a request's result. */
  private void runJob(Worker worker, Runnable job) {
    Job wrapped = job instanceof Job j ? j : null;
    Runnable work = wrapped != null ? wrapped.work : job;
    WorkTicket ticket = wrapped != null ? wrapped.ticket : null;
    if (ticket != null) {
      ticket.started(worker.thread, System.nanoTime());
      WorkObserver current = Objects.requireNonNull(observer, "observer");
      try {
        current.started(this, ticket);
      } catch (Throwable t) {
        observerFailed(t);
      }
    }
    if (wrapped != null && wrapped.isDecorated()) {
      Throwable problem = wrapped.runDecorated(w -> runWork(worker, w), ThreadPool::reportUncaught);
      if (problem != null) {
        worker.outcome = Worker.FAILED;
        if (work instanceof WorkRequest<?> request) {
          request.fail(problem);
        } else if (work instanceof TrackedFuture<?> future) {
          future.fail(problem);
        } else {
          reportUncaught(problem);
        }
      }
    } else {
      runWork(worker, work);
    }
    int outcome = worker.outcome;
    if (outcome != Worker.SKIPPED) {
      worker.count(outcome == Worker.COMPLETED);
    }
    if (ticket != null) {
      ticket.finished(System.nanoTime());
      WorkObserver current = Objects.requireNonNull(observer, "observer");
      try {
        current.finished(this, ticket, outcome == Worker.FAILED);
      } catch (Throwable t) {
        observerFailed(t);
      }
    }
    if (work instanceof WorkRequest<?> request) {
      results.queueResult(request, worker);
    }
  }

  /** Runs a request's task or a task, leaving its outcome in {@code worker.outcome}. */
  private static void runWork(Worker worker, Runnable work) {
    if (work instanceof WorkRequest<?> request) {
      worker.outcome = request.execute() ? Worker.COMPLETED : Worker.FAILED;
      return;
    }
    worker.outcome = Worker.COMPLETED;
    try {
      work.run(); // a future of this pool records its outcome in worker.outcome, even when wrapped
    } catch (Throwable t) {
      worker.outcome = Worker.FAILED;
      reportUncaught(t);
    }
  }

  /**
   * Passes what a task threw to the worker thread's uncaught-exception handler. If that throws too
   * (or the exception cannot even be printed), the worker logs what it can and goes on.
   */
  private static void reportUncaught(Throwable t) {
    Thread current = Thread.currentThread();
    try {
      current.getUncaughtExceptionHandler().uncaughtException(current, t);
    } catch (Throwable reportFailure) {
      try {
        LOGGER.log(
            System.Logger.Level.WARNING,
            "a task on "
                + current.getName()
                + " threw "
                + t.getClass().getName()
                + ", and reporting it failed with "
                + reportFailure.getClass().getName());
      } catch (Throwable ignored) {
        // nothing else can be done; the failure is counted
      }
    }
  }

  /** Delivers results to their callbacks on this thread; see poll and waitForAll. */
  private boolean deliverResults(boolean block, boolean timed, long deadline) {
    WorkRequest<?>[] batch = new WorkRequest<?>[DELIVERY_BATCH];
    boolean first = true;
    for (; ; ) {
      int taken = results.take(batch, block, timed, deadline);
      if (taken == 0) {
        return false;
      }
      int delivered = 0;
      try {
        while (delivered < taken) {
          if (timed && !first && System.nanoTime() - deadline >= 0) {
            return false; // after the deadline, start no callback but a first one
          }
          first = false;
          WorkRequest<?> request = batch[delivered];
          batch[delivered++] = null;
          results.releaseId(request);
          WorkTicket ticket = request.ticket;
          if (ticket != null) {
            WorkObserver current = Objects.requireNonNull(observer, "observer");
            try {
              current.delivering(this, ticket);
            } catch (Throwable t) {
              observerFailed(t);
            }
          }
          request.deliver();
        }
      } finally {
        results.delivered(delivered);
        results.giveBack(batch, delivered, taken);
      }
    }
  }

  /**
   * Offers a job to the request queue.
   *
   * @throws RejectedExecutionException if interrupted while waiting for room; the flag is kept
   */
  private int offer(Runnable job, boolean request, boolean block, long timeoutNanos) {
    try {
      return requestQueue.offer(job, request, block, timeoutNanos);
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
   * Queues a future's task, waiting for room until the deadline.
   *
   * @return {@code false} if the queue stayed full until the deadline
   * @throws InterruptedException if interrupted while waiting
   * @throws RejectedExecutionException if the pool is shut down
   */
  private boolean queueUntil(Runnable future, long deadline) throws InterruptedException {
    return queueUntil(future, deadline, true);
  }

  private boolean queueUntil(Runnable future, long deadline, boolean timed)
      throws InterruptedException {
    if (workers.state() != WorkerSet.RUNNING) {
      throw rejectShutdown(future);
    }
    Runnable job = toJob(future);
    long nanos = timed ? Math.max(0, deadline - System.nanoTime()) : -1;
    int outcome = requestQueue.offer(job, false, true, nanos);
    if (outcome == RequestQueue.CLOSED) {
      throw rejectShutdown(future);
    }
    if (outcome == RequestQueue.FULL) {
      return false;
    }
    observeQueued(job);
    return true;
  }

  /**
   * Returns what the request queue holds for {@code work}: the work itself, or, with a task
   * decorator or an observer, a job that carries the decoration (made here, on the putting thread)
   * and the ticket.
   */
  private Runnable toJob(Runnable work) {
    if (taskDecorator == null && observer == null) {
      return work;
    }
    WorkTicket ticket = observer == null ? null : new WorkTicket(work, System.nanoTime());
    Job job = new Job(work, taskDecorator, ticket);
    if (ticket != null && work instanceof WorkRequest<?> request) {
      request.ticket = ticket;
    }
    return job;
  }

  private void observeQueued(Runnable job) {
    if (job instanceof Job j) {
      WorkTicket ticket = j.ticket;
      if (ticket != null) {
        WorkObserver current = Objects.requireNonNull(observer, "observer");
        try {
          current.queued(this, ticket);
        } catch (Throwable t) {
          observerFailed(t);
        }
      }
    }
  }

  /**
   * Logs what the observer threw; the pool goes on. (The observer is called directly, without a
   * lambda per call, since it runs on the request path.)
   */
  private void observerFailed(Throwable t) {
    try {
      LOGGER.log(
          System.Logger.Level.WARNING,
          () -> "observer " + Describe.value(observer) + " of pool '" + name + "' failed",
          t);
    } catch (Throwable ignored) {
      // the observer's failure cannot even be logged; the pool goes on
    }
  }

  private void refuseJoinOnWorker(String method) {
    if (workers.isWorkerThread()) {
      throw new IllegalStateException(
          method
              + " was called on a worker of pool '"
              + name
              + "', which cannot wait for other workers (they might be waiting for it);"
              + " dismiss without joining instead");
    }
  }

  private RejectedExecutionException rejectShutdown(Object job) {
    rejected.increment();
    return new RejectedExecutionException(
        "pool '"
            + name
            + "' is "
            + workers.stateName()
            + " and accepts no more work: "
            + Describe.job(Job.unwrap((Runnable) job)));
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static int requireNonNegative(String parameter, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(parameter + " must be >= 0, was " + value);
    }
    return value;
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
    private @Nullable WorkObserver observer;
    private final List<ThreadPoolListener> listeners = new ArrayList<>();
    private Consumer<Thread> threadStarter = Thread::start;

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
     * Every event that matters wakes it at once; this is only a safety net. Idle workers do not use
     * it: they block until work arrives. A duration too long for a {@code long} of nanoseconds is
     * taken as the longest one that fits.
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
     * Sets the observer that sees each request and task as it is queued, started, finished and
     * delivered: the hooks behind wait and run timers. {@code null} (the default) observes nothing,
     * and the pool then takes no timestamps.
     */
    public Builder observer(@Nullable WorkObserver observer) {
      this.observer = observer;
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

    /** Replaces how worker threads are started: a seam for tests of failing thread starts. */
    Builder threadStarter(Consumer<Thread> threadStarter) {
      this.threadStarter = Objects.requireNonNull(threadStarter, "threadStarter");
      return this;
    }

    /** Returns a new running pool with these settings; the builder may be used again. */
    public ThreadPool build() {
      return new ThreadPool(this);
    }
  }
}
