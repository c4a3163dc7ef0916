package io.github.threadpool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.executor.LocalExecutorStats;
import io.github.threadpool.NoResultsPendingException;
import io.github.threadpool.NoWorkersAvailableException;
import io.github.threadpool.RequestPool;
import io.github.threadpool.RequestPoolSupport;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RequestPool} whose workers are the members of a Hazelcast cluster: each work request's
 * task runs on any member, and its callback runs on <em>this</em> member, on the thread that
 * {@linkplain #poll(boolean) polls}, exactly once. Code written against {@link RequestPool} runs on
 * it and on a local {@link ThreadPool} unchanged.
 *
 * <pre>{@code
 * try (HazelcastThreadPool pool =
 *     HazelcastThreadPool.builder(hazelcastInstance).name("factorise").workers(4).build()) {
 *   pool.putRequest(WorkRequest.of(new Factorise(n), (request, factors) -> print(factors)));
 *   pool.waitForAll(); // the callback runs here, whichever member ran the task
 * }
 * }</pre>
 *
 * <h2>Where work runs</h2>
 *
 * Every member that builds a pool of the same {@linkplain Builder#name(String) name} on the same
 * cluster shares its work: a request goes to the Hazelcast executor {@code threadpool.<name>} (an
 * {@link IExecutorService}), on the member that owns a randomly chosen partition, so work spreads
 * over the members in proportion to the partitions they own, not to their free workers. On each
 * member at most {@link #workerCount()} tasks of the pool run at a time; {@link #resize(int)}
 * changes that number on this member only. A member that has no pool of that name runs the tasks
 * sent to it with the executor's threads alone.
 *
 * <h2>What differs from a local pool</h2>
 *
 * <ul>
 *   <li><b>Serialization.</b> A task and its result cross the network through Hazelcast's
 *       serialization (its configured serializers, Java serialization, Compact). {@link
 *       #putRequest(WorkRequest)} refuses a task that cannot be written <em>and read back</em>; a
 *       result that cannot be fails its request (a {@link
 *       com.hazelcast.nio.serialization.HazelcastSerializationException} for the exception
 *       callback). A callback receives a copy of the result when the task ran on another member.
 *   <li><b>At least once.</b> When the member running a task leaves the cluster, Hazelcast runs the
 *       task again on another member; a task may therefore run more than once. Its callback still
 *       runs exactly once.
 *   <li><b>Ordering.</b> Callbacks run in the order outcomes arrive at this member; requests put
 *       one after the other may run in any order, on different members.
 *   <li><b>This member leaving.</b> If this member's Hazelcast instance shuts down, each request
 *       still pending fails with a {@link HazelcastInstanceNotActiveException} (the outcome of its
 *       task, wherever it ran, is discarded); a waiting {@code poll} delivers these failures and
 *       returns, it never hangs. Later puts are refused.
 *   <li><b>No queue bound.</b> A put never waits for room, so it never throws {@link
 *       io.github.threadpool.QueueFullException}.
 * </ul>
 *
 * <p>Callbacks, {@code poll}, {@code waitForAll}, interrupts, {@link NoResultsPendingException},
 * request ids and {@code close()} follow {@link ThreadPool}'s contract otherwise. {@link
 * NoWorkersAvailableException} is thrown when blocking while requests are pending, no result is
 * queued, this member is the only one in the cluster and it has no workers.
 *
 * <p>Instances are thread-safe.
 */
public final class HazelcastThreadPool implements RequestPool {

  private static final System.Logger LOGGER = System.getLogger(HazelcastThreadPool.class.getName());

  /**
   * The prefix of the Hazelcast executor's name: the executor of pool {@code x} is {@code
   * threadpool.x}.
   */
  public static final String EXECUTOR_NAME_PREFIX = "threadpool.";

  private static final String USER_CONTEXT_PREFIX = HazelcastThreadPool.class.getName() + ".";

  /** How often a waiting poller re-checks the state of the member, as a safety net. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long NO_DEADLINE = Long.MIN_VALUE;

  private final HazelcastInstance member;
  private final String name;
  private final int maxWorkers;
  private final IExecutorService executor;
  private final MemberWorkers workers;
  private final UUID lifecycleRegistration;

  /** Pending requests whose ids the caller chose, to refuse a second one with an equal id. */
  private final ConcurrentHashMap<Object, WorkRequest<?>> pendingByCallerId =
      new ConcurrentHashMap<>();

  /**
   * Requests put and not yet taken for delivery; decremented under resultLock only, so that a
   * poller holding it sees every change that could end its wait.
   */
  private final AtomicInteger pendingCount = new AtomicInteger();

  /** Requests sent to the cluster whose outcome has not arrived. */
  private final Set<Submission> inFlight = ConcurrentHashMap.newKeySet();

  private final ReentrantLock resultLock = new ReentrantLock();
  private final Condition resultsChanged = resultLock.newCondition();
  private final ArrayDeque<WorkRequest<?>> results = new ArrayDeque<>();
  private volatile int resultCount;

  private final LongAdder rejected = new LongAdder();
  private volatile boolean closed;

  private HazelcastThreadPool(Builder builder) {
    this.member = builder.member;
    this.name = builder.name;
    this.maxWorkers = builder.maxWorkers != 0 ? builder.maxWorkers : Math.max(1, builder.workers);
    if (builder.workers > maxWorkers) {
      throw new IllegalArgumentException(
          "workers must be <= maxWorkers (" + maxWorkers + "), was " + builder.workers);
    }
    String executorName = EXECUTOR_NAME_PREFIX + name;
    configureExecutor(executorName);
    this.workers = new MemberWorkers(builder.workers, this::signalPollers);
    Object previous = member.getUserContext().putIfAbsent(contextKey(name), workers);
    if (previous != null) {
      throw new IllegalStateException(
          "a pool named '" + name + "' is already open on member " + memberName());
    }
    this.executor = member.getExecutorService(executorName);
    this.lifecycleRegistration =
        member
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleState.SHUTDOWN) {
                    failInFlight();
                  }
                });
  }

  /**
   * Returns a builder of a pool on {@code member}, an embedded Hazelcast member that is running.
   *
   * @throws NullPointerException if {@code member} is {@code null}
   */
  public static Builder builder(HazelcastInstance member) {
    return new Builder(member);
  }

  /** Returns the pool's name, the same on every member that shares its work. */
  @Override
  public String name() {
    return name;
  }

  /**
   * Returns the member that runs the calling task, when called from within the task of a work
   * request of any {@code HazelcastThreadPool}; empty when called from anywhere else. Tasks use it
   * to tell where they ran.
   */
  public static Optional<Member> currentMember() {
    HazelcastInstance running = ClusterTask.runningOn();
    return running == null ? Optional.empty() : Optional.of(running.getCluster().getLocalMember());
  }

  /** Returns the Hazelcast instance this pool submits from. */
  public HazelcastInstance hazelcastInstance() {
    return member;
  }

  // ---------------------------------------------------------------------------------------------
  // Work requests

  /**
   * Sends a request to the cluster. Same as {@code putRequest(request, true, null)}; never blocks
   * for room.
   *
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalStateException if the request was put already
   * @throws IllegalArgumentException if its task cannot be serialized, or a request with an equal
   *     id is pending in this pool on this member
   * @throws RejectedExecutionException if the pool is closed or this member is not running
   */
  @Override
  public void putRequest(WorkRequest<?> request) {
    putRequest(request, true, null);
  }

  /**
   * Sends a request to the cluster. Once this method returns, the request is pending: its outcome
   * will be delivered by {@code poll} on this member. If it throws, the request was not accepted
   * and left no trace: it may be put again.
   *
   * <p>The task is serialized and read back on this thread before it is sent, so that a task no
   * member could run is refused here, not later on another member. Nothing waits for room: {@code
   * block} and {@code timeout} are checked and otherwise ignored.
   *
   * @param request the request to run
   * @param block whether to wait for room (there is always room)
   * @param timeout how long to wait when blocking; {@code null} waits as long as it takes
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalArgumentException if {@code timeout} is negative, the task cannot be serialized,
   *     or a request with an equal id is pending in this pool on this member
   * @throws IllegalStateException if the request was put already
   * @throws RejectedExecutionException if the pool is closed or this member is not running
   */
  @Override
  public void putRequest(WorkRequest<?> request, boolean block, @Nullable Duration timeout) {
    Objects.requireNonNull(request, "request");
    if (block && timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
    }
    RequestPoolSupport.claim(request);
    boolean registered = false;
    boolean accepted = false;
    try {
      if (closed) {
        throw reject(request, "the pool is closed", null);
      }
      if (!member.getLifecycleService().isRunning()) {
        throw reject(request, "member " + memberName() + " is not running", null);
      }
      Callable<?> task = RequestPoolSupport.task(request);
      requireSerializable(request, task);
      if (!RequestPoolSupport.hasGeneratedId(request)
          && pendingByCallerId.putIfAbsent(request.requestId(), request) != null) {
        throw new IllegalArgumentException(
            "requestId " + request.requestId() + " is already pending in pool '" + name + "'");
      }
      pendingCount.incrementAndGet();
      registered = true;
      Submission submission = new Submission(request);
      inFlight.add(submission);
      try {
        Future<Outcome> future = executor.submit(new ClusterTask(name, task));
        if (future instanceof CompletionStage<?> stage) {
          // on the thread that completes the future: Hazelcast's callback variant hops through
          // its default async executor, which costs about a millisecond per task here
          stage.whenComplete(submission::acceptAny);
        } else {
          completeWhenDone(future, submission);
        }
      } catch (RuntimeException e) {
        // Unless the member's shutdown already gave the request its outcome, it was not sent.
        if (submission.claim()) {
          inFlight.remove(submission);
          throw reject(request, "the cluster refused it", e);
        }
      }
      accepted = true;
    } finally {
      if (!accepted) {
        if (registered) {
          forget(request);
        }
        RequestPoolSupport.release(request);
      }
    }
  }

  /**
   * Runs the callbacks of requests whose outcome has arrived, on this thread, in arrival order.
   * Without blocking, it delivers what is there and returns; blocking, it keeps delivering until no
   * request is pending. Either way it throws {@link NoResultsPendingException} once nothing is
   * pending, also right after it delivered the last outcome.
   *
   * <p>If a callback throws, its request counts as delivered, the exception propagates, and
   * outcomes not delivered yet stay queued for the next call.
   *
   * @throws NoResultsPendingException if no request is pending
   * @throws NoWorkersAvailableException when blocking, if requests are pending, no outcome is
   *     queued, this member is the only one in the cluster and it has no workers; the requests stay
   *     pending
   * @throws CancellationException if the thread is interrupted while waiting; its interrupt flag is
   *     kept
   */
  @Override
  public void poll(boolean block) {
    WorkRequest<?> request;
    while ((request = takeResult(block, NO_DEADLINE)) != null) {
      RequestPoolSupport.deliver(request);
    }
  }

  /**
   * Delivers outcomes, as {@code poll(true)} does, until no request is pending; returns at once if
   * none is.
   *
   * @throws NoWorkersAvailableException as {@link #poll(boolean)} does
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
   * Delivers outcomes, as {@code poll(true)} does, until no request is pending or the timeout
   * elapses.
   *
   * @return {@code true} if no request is pending, {@code false} if the timeout elapsed first
   * @throws NullPointerException if {@code timeout} is {@code null}
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws NoWorkersAvailableException as {@link #poll(boolean)} does
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
        RequestPoolSupport.deliver(request);
      }
      return false;
    } catch (NoResultsPendingException done) {
      return true;
    }
  }

  /** Returns the number of requests put on this member whose callback has not run yet. */
  @Override
  public int pendingRequestCount() {
    return pendingCount.get();
  }

  // ---------------------------------------------------------------------------------------------
  // Workers and members

  /** Returns how many of the pool's tasks this member runs at a time. */
  @Override
  public int workerCount() {
    return workers.limit();
  }

  /** Returns the most workers {@link #resize(int)} accepts on this member. */
  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * Sets how many of the pool's tasks this member runs at a time. Tasks running beyond a smaller
   * size finish; tasks waiting on this member start when a worker is free. Other members are not
   * affected. Does not block.
   *
   * @throws IllegalArgumentException if {@code workers} is negative or greater than {@link
   *     #maxWorkers()}
   */
  public void resize(int workers) {
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be >= 0, was " + workers);
    }
    if (workers > maxWorkers) {
      throw new IllegalArgumentException(
          "workers must be <= " + maxWorkers + " (maxWorkers), was " + workers);
    }
    this.workers.resize(workers);
  }

  /**
   * Returns the number of members in the cluster (this one included), or {@code 0} once this member
   * is no longer running.
   */
  public int memberCount() {
    try {
      return member.getLifecycleService().isRunning() ? member.getCluster().getMembers().size() : 0;
    } catch (HazelcastInstanceNotActiveException stopped) {
      return 0;
    }
  }

  /**
   * Returns a snapshot of this member's side of the pool: its workers ({@code workers}, {@code
   * busyWorkers}, and as {@code dismissedWorkers} the tasks still running beyond a smaller size),
   * the tasks waiting on this member ({@code queueDepth}; {@code queueCapacity} is 0), the tasks it
   * ran ({@code completed}, {@code failed}), the requests put here ({@code pendingRequests}, {@code
   * pendingResults}) and the puts it refused ({@code rejected}).
   */
  @Override
  public ThreadPoolStats stats() {
    int limit = workers.limit();
    int running = workers.running();
    return new ThreadPoolStats(
        limit,
        running,
        Math.max(0, running - limit),
        workers.waiting() + executorQueueDepth(),
        0,
        pendingCount.get(),
        resultCount,
        workers.completed(),
        workers.failed(),
        rejected.sum());
  }

  // ---------------------------------------------------------------------------------------------
  // Closing

  /**
   * Stops accepting requests and waits until the outcome of every request put on this member has
   * arrived (or this member has stopped); those outcomes stay pollable. This member goes on running
   * tasks that other members send, without a limit of its own. Does not shut down the Hazelcast
   * instance or the executor, which other members share. If interrupted while waiting, it returns
   * at once with the interrupt flag kept. Calling it again has no effect.
   */
  @Override
  public void close() {
    boolean first = !closed;
    closed = true;
    boolean interrupted = false;
    resultLock.lock();
    try {
      while (!inFlight.isEmpty()) {
        if (!member.getLifecycleService().isRunning()) {
          failInFlight();
          break;
        }
        resultsChanged.awaitNanos(RECHECK_NANOS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      resultLock.unlock();
    }
    if (first) {
      workers.open();
      try {
        member.getUserContext().remove(contextKey(name), workers);
        member.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
      } catch (HazelcastInstanceNotActiveException stopped) {
        // the member is gone, and its listeners and context with it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "HazelcastThreadPool["
        + name
        + (closed ? ", closed" : "")
        + ", member="
        + memberName()
        + ", workers="
        + workers.limit()
        + ", pending="
        + pendingCount.get()
        + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /** The gate of pool {@code poolName} on {@code member}, if the pool is open there. */
  static @Nullable MemberWorkers memberWorkers(HazelcastInstance member, String poolName) {
    return member.getUserContext().get(contextKey(poolName)) instanceof MemberWorkers gate
        ? gate
        : null;
  }

  private static String contextKey(String poolName) {
    return USER_CONTEXT_PREFIX + poolName;
  }

  /**
   * Sizes the executor's threads to {@code maxWorkers} (the gate does the rest), unless the
   * cluster's configuration already says otherwise.
   */
  private void configureExecutor(String executorName) {
    try {
      member.getConfig().addExecutorConfig(new ExecutorConfig(executorName, maxWorkers));
    } catch (InvalidConfigurationException configuredOtherwise) {
      LOGGER.log(
          System.Logger.Level.DEBUG,
          () -> "executor '" + executorName + "' is configured already: " + configuredOtherwise);
    }
    int poolSize = member.getConfig().findExecutorConfig(executorName).getPoolSize();
    if (poolSize < maxWorkers) {
      LOGGER.log(
          System.Logger.Level.WARNING,
          "executor '"
              + executorName
              + "' has "
              + poolSize
              + " threads per member, fewer than maxWorkers "
              + maxWorkers
              + ": this member runs at most "
              + poolSize
              + " tasks of pool '"
              + name
              + "' at a time");
    }
  }

  private void requireSerializable(WorkRequest<?> request, Callable<?> task) {
    try {
      Serialization.roundTrip(member, task);
    } catch (RuntimeException | Error e) {
      throw new IllegalArgumentException(
          "task of work request "
              + request.requestId()
              + " ("
              + task.getClass().getName()
              + ") cannot be serialized, so no other member of pool '"
              + name
              + "' could run it; make it java.io.Serializable or give Hazelcast a serializer"
              + " for it",
          e);
    }
  }

  private RejectedExecutionException reject(
      WorkRequest<?> request, String reason, @Nullable Throwable cause) {
    rejected.increment();
    return new RejectedExecutionException(
        "work request " + request.requestId() + " refused by pool '" + name + "': " + reason,
        cause);
  }

  /** Forgets a pending request that was not accepted after all. */
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

  /** Removes a request from the pending set; true if none is pending any more. Under resultLock. */
  private boolean unregister(WorkRequest<?> request) {
    if (!RequestPoolSupport.hasGeneratedId(request)) {
      pendingByCallerId.remove(request.requestId(), request);
    }
    return pendingCount.decrementAndGet() == 0;
  }

  /** Queues a request whose outcome has been recorded, and wakes the pollers. */
  private void queueResult(Submission submission) {
    inFlight.remove(submission);
    resultLock.lock();
    try {
      results.add(submission.request);
      resultCount = results.size();
      resultsChanged.signalAll();
    } finally {
      resultLock.unlock();
    }
  }

  /** Waits for a future that is not a CompletionStage, on a thread of its own. */
  private static void completeWhenDone(Future<Outcome> future, Submission submission) {
    Thread waiter =
        new Thread(
            () -> {
              try {
                submission.onResponse(future.get());
              } catch (ExecutionException e) {
                submission.onFailure(e.getCause() != null ? e.getCause() : e);
              } catch (InterruptedException | RuntimeException e) {
                submission.onFailure(e);
              }
            },
            "threadpool-hazelcast-waiter");
    waiter.setDaemon(true);
    waiter.start();
  }

  /** This member stopped: every request still in flight fails, so that no poller waits forever. */
  private void failInFlight() {
    for (Submission submission : inFlight) {
      if (submission.claim()) {
        RequestPoolSupport.fail(
            submission.request,
            new HazelcastInstanceNotActiveException(
                "member "
                    + memberName()
                    + " of pool '"
                    + name
                    + "' stopped before the outcome of work request "
                    + submission.request.requestId()
                    + " arrived"));
        queueResult(submission);
      }
    }
  }

  private void signalPollers() {
    resultLock.lock();
    try {
      resultsChanged.signalAll();
    } finally {
      resultLock.unlock();
    }
  }

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
          if (unregister(request)) {
            resultsChanged.signalAll(); // let other pollers see that nothing is pending
          }
          return request;
        }
        if (!block) {
          return null;
        }
        if (!member.getLifecycleService().isRunning()) {
          failInFlight();
          if (!results.isEmpty()) {
            continue;
          }
          // What is still pending was claimed by a thread that is recording its outcome and needs
          // resultLock to queue it (or is being put right now). Wait below, which releases the
          // lock and lets that thread in; the recheck fails whatever is still in flight then.
          // Looping here with the lock held would keep that thread out for good.
        } else if (workers.limit() == 0 && workers.running() == 0 && memberCount() == 1) {
          throw new NoWorkersAvailableException(name, pendingCount.get());
        }
        long waitNanos = RECHECK_NANOS;
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

  private int executorQueueDepth() {
    try {
      LocalExecutorStats local = executor.getLocalExecutorStats();
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, local.getPendingTaskCount()));
    } catch (RuntimeException notRunning) {
      return 0;
    }
  }

  private String memberName() {
    return Serialization.memberName(member);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }

  @SuppressWarnings({"unchecked", "NullAway"}) // the value is what the request's task returned
  private static <T extends @Nullable Object> void complete(
      WorkRequest<T> request, @Nullable Object value) {
    RequestPoolSupport.complete(request, (T) value);
  }

  /**
   * One request on its way through the cluster. Its outcome is recorded once: by Hazelcast's
   * answer, or by this member's shutdown, whichever {@linkplain #claim() claims} it first.
   */
  private final class Submission
      implements ExecutionCallback<Outcome>, BiConsumer<@Nullable Outcome, @Nullable Throwable> {

    final WorkRequest<?> request;
    private final AtomicBoolean done = new AtomicBoolean();

    Submission(WorkRequest<?> request) {
      this.request = request;
    }

    boolean claim() {
      return done.compareAndSet(false, true);
    }

    @Override
    public void onResponse(Outcome outcome) {
      if (!claim()) {
        return;
      }
      Object value = outcome.value();
      if (!outcome.failed()) {
        complete(request, value);
      } else if (value instanceof Throwable failure) {
        RequestPoolSupport.fail(request, failure);
      } else {
        RequestPoolSupport.fail(
            request, new IllegalStateException("a failed outcome without an exception"));
      }
      queueResult(this);
    }

    void acceptAny(@Nullable Object outcome, @Nullable Throwable failure) {
      accept(
          outcome instanceof Outcome known ? known : null,
          failure != null || outcome instanceof Outcome
              ? failure
              : new IllegalStateException("an answer that is not an outcome: " + outcome));
    }

    @Override
    public void accept(@Nullable Outcome outcome, @Nullable Throwable failure) {
      if (failure != null) {
        onFailure(
            failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : failure);
      } else if (outcome != null) {
        onResponse(outcome);
      } else {
        onFailure(new IllegalStateException("no outcome"));
      }
    }

    @Override
    public void onFailure(Throwable failure) {
      if (claim()) {
        RequestPoolSupport.fail(request, failure);
        queueResult(this);
      }
    }
  }

  /**
   * A builder of a {@link HazelcastThreadPool}. Each member of the cluster builds its own pool with
   * the same name.
   */
  public static final class Builder {

    /** The default {@link #name(String)}. */
    public static final String DEFAULT_NAME = "default";

    private final HazelcastInstance member;
    private String name = DEFAULT_NAME;
    private int workers = Runtime.getRuntime().availableProcessors();
    private int maxWorkers;

    private Builder(HazelcastInstance member) {
      this.member = Objects.requireNonNull(member, "member");
    }

    /**
     * Sets the pool's name, which every member that shares the pool's work uses; by default {@value
     * #DEFAULT_NAME}.
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
     * Sets how many of the pool's tasks this member runs at a time; by default the number of
     * processors.
     *
     * @throws IllegalArgumentException if {@code workers} is negative
     */
    public Builder workers(int workers) {
      if (workers < 0) {
        throw new IllegalArgumentException("workers must be >= 0, was " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Sets the most workers {@link HazelcastThreadPool#resize(int)} accepts on this member, which
     * is also the number of Hazelcast executor threads per member; by default the number of workers
     * (at least 1).
     *
     * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
     */
    public Builder maxWorkers(int maxWorkers) {
      if (maxWorkers < 1) {
        throw new IllegalArgumentException("maxWorkers must be >= 1, was " + maxWorkers);
      }
      this.maxWorkers = maxWorkers;
      return this;
    }

    /**
     * Returns a new pool on this member.
     *
     * @throws IllegalArgumentException if {@code workers} is greater than {@code maxWorkers}, or
     *     the instance is a Hazelcast client rather than a member
     * @throws IllegalStateException if the member is not running, or a pool of this name is open on
     *     it already
     */
    public HazelcastThreadPool build() {
      if (!Serialization.supported(member)) {
        throw new IllegalArgumentException(
            "member must be an embedded Hazelcast member, was a " + member.getClass().getName());
      }
      if (!member.getLifecycleService().isRunning()) {
        throw new IllegalStateException(
            "member '" + member.getName() + "' must be running to build pool '" + name + "'");
      }
      try {
        member.getCluster().getLocalMember();
      } catch (UnsupportedOperationException client) {
        throw new IllegalArgumentException(
            "member must be an embedded Hazelcast member, not a client", client);
      }
      return new HazelcastThreadPool(this);
    }
  }
}
