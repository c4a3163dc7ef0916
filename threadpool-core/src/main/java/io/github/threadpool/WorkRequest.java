package io.github.threadpool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A task to run on a {@link ThreadPool}, with the callbacks that receive its outcome.
 *
 * <p>A request is put into a pool with {@link ThreadPool#putRequest(WorkRequest)}; a worker thread
 * runs its task; the thread that calls {@link ThreadPool#poll(boolean)} or {@link
 * ThreadPool#waitForAll()} then passes the result to the {@linkplain Builder#callback result
 * callback}, or the throwable to the {@linkplain Builder#exceptionCallback exception callback}.
 * Exactly one of the two applies, once; a {@code null} callback drops that outcome.
 *
 * <p>A request is used once: putting it a second time fails. If it is handed back by {@link
 * ThreadPool#shutdownNow()} (or a put did not accept it) it may be put again, into any pool, or
 * {@linkplain #run() run} by the caller.
 *
 * <p>The request id identifies a pending request within its pool; two requests with equal ids
 * cannot be pending in the same pool at the same time. Ids are kept verbatim ({@code equals}/{@code
 * hashCode}); a request built without one gets an id that equals no other object in the JVM.
 *
 * <p>Instances are thread-safe.
 *
 * @param <T> the type of the task's result
 */
public final class WorkRequest<T extends @Nullable Object> implements Runnable {

  private static final System.Logger LOGGER = System.getLogger(WorkRequest.class.getName());
  private static final AtomicLong GENERATED_IDS = new AtomicLong();

  /**
   * The exception callback a request gets unless one is given: it logs the failure, with its stack
   * trace, at {@link System.Logger.Level#WARNING} through {@link System.Logger}.
   */
  static final ExceptionCallback LOG_FAILURE =
      (request, exception) ->
          LOGGER.log(
              System.Logger.Level.WARNING,
              "work request " + request.requestId() + " failed",
              exception);

  // Lifecycle: NEW -> QUEUED -> RUNNING -> DONE. A put that is refused, or a request that
  // shutdownNow() removes from the queue, goes back from QUEUED to NEW.
  private static final int NEW = 0;
  private static final int QUEUED = 1;
  private static final int RUNNING = 2;
  private static final int DONE = 3;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(WorkRequest.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Callable<T> task;
  private final Object requestId;
  private final @Nullable ResultCallback<T> callback;
  private final @Nullable ExceptionCallback exceptionCallback;

  @SuppressWarnings("UnusedVariable") // accessed through STATE
  private volatile int state = NEW;

  private volatile boolean exception;
  // Written by the worker before the request is handed to the result queue, read by the polling
  // thread after it took the request off that queue: the queue's lock orders the two.
  private @Nullable T result;
  private @Nullable Throwable failure;

  // Bookkeeping of the pool the request was put into, written and read under that pool's rules:
  // the reservation of a caller-chosen id, and the observer's ticket.
  volatile @Nullable Object idKey;
  @Nullable WorkTicket ticket;

  private WorkRequest(Builder<T> builder) {
    this.task = builder.task;
    this.requestId =
        builder.requestId != null
            ? builder.requestId
            : new GeneratedId(GENERATED_IDS.incrementAndGet());
    this.callback = builder.callback;
    this.exceptionCallback = builder.exceptionCallback;
  }

  /**
   * Returns a request for {@code task} whose result is dropped and whose failure is logged.
   *
   * @throws NullPointerException if {@code task} is {@code null}
   */
  public static <T extends @Nullable Object> WorkRequest<T> of(Callable<T> task) {
    return builder(task).build();
  }

  /**
   * Returns a request for {@code task} whose result goes to {@code callback} and whose failure is
   * logged.
   *
   * @throws NullPointerException if {@code task} or {@code callback} is {@code null}
   */
  public static <T extends @Nullable Object> WorkRequest<T> of(
      Callable<T> task, ResultCallback<T> callback) {
    return builder(task).callback(Objects.requireNonNull(callback, "callback")).build();
  }

  /**
   * Returns a builder of a request for {@code task}.
   *
   * @throws NullPointerException if {@code task} is {@code null}
   */
  public static <T extends @Nullable Object> Builder<T> builder(Callable<T> task) {
    return new Builder<>(task);
  }

  /**
   * Returns one request per argument, each calling {@code task} with its argument; results are
   * dropped and failures logged.
   *
   * @see #makeRequests(Function, Iterable, ResultCallback, ExceptionCallback)
   */
  public static <A extends @Nullable Object, T extends @Nullable Object>
      List<WorkRequest<T>> makeRequests(
          Function<? super A, ? extends T> task, Iterable<? extends A> arguments) {
    return makeRequests(task, arguments, null, LOG_FAILURE);
  }

  /**
   * Returns one request per argument, each calling {@code task} with its argument; results go to
   * {@code callback} and failures are logged.
   *
   * @see #makeRequests(Function, Iterable, ResultCallback, ExceptionCallback)
   */
  public static <A extends @Nullable Object, T extends @Nullable Object>
      List<WorkRequest<T>> makeRequests(
          Function<? super A, ? extends T> task,
          Iterable<? extends A> arguments,
          @Nullable ResultCallback<T> callback) {
    return makeRequests(task, arguments, callback, LOG_FAILURE);
  }

  /**
   * Returns one request per argument, in the order of {@code arguments}, each calling {@code task}
   * with its argument. Each request gets a generated id.
   *
   * <p>An argument is passed as it is; the Python module's {@code (args, kwds)} pair is an {@link
   * Arguments} value, which the task receives as its one argument.
   *
   * @param task the function to call once per argument
   * @param arguments one argument per request ({@code null} elements are passed as {@code null})
   * @param callback receives each result, or {@code null} to drop results
   * @param exceptionCallback receives each failure, or {@code null} to drop failures
   * @return a new mutable list of new requests
   * @throws NullPointerException if {@code task} or {@code arguments} is {@code null}
   */
  public static <A extends @Nullable Object, T extends @Nullable Object>
      List<WorkRequest<T>> makeRequests(
          Function<? super A, ? extends T> task,
          Iterable<? extends A> arguments,
          @Nullable ResultCallback<T> callback,
          @Nullable ExceptionCallback exceptionCallback) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(arguments, "arguments");
    List<WorkRequest<T>> requests = new ArrayList<>();
    for (A argument : arguments) {
      requests.add(
          WorkRequest.<T>builder(() -> task.apply(argument))
              .callback(callback)
              .exceptionCallback(exceptionCallback)
              .build());
    }
    return requests;
  }

  /** Returns the id that identifies this request while it is pending in a pool. */
  public Object requestId() {
    return requestId;
  }

  /** Whether the id was generated, so that it cannot equal the id of any other request. */
  boolean hasGeneratedId() {
    return requestId instanceof GeneratedId;
  }

  /**
   * Returns {@code true} once the task has thrown. Set by the worker before the failure is queued,
   * so it is already {@code true} when the exception callback runs.
   */
  public boolean isException() {
    return exception;
  }

  /**
   * Runs the task on the calling thread and passes its outcome to the request's callbacks on this
   * same thread, as {@code poll} would. This is how the caller runs a request that {@link
   * ThreadPool#shutdownNow()} handed back. An exception thrown by a callback propagates.
   *
   * @throws IllegalStateException if the request is queued in a pool, running or done
   */
  @Override
  public void run() {
    if (!STATE.compareAndSet(this, NEW, QUEUED)) {
      throw new IllegalStateException(
          "work request " + requestId + " cannot run: it is " + stateName());
    }
    execute();
    deliver();
  }

  /**
   * Atomically claims this request for a put.
   *
   * @throws IllegalStateException if it was put already and was not handed back
   */
  void claim() {
    if (!STATE.compareAndSet(this, NEW, QUEUED)) {
      throw new IllegalStateException(
          "work request " + requestId + " has already been put (it is " + stateName() + ")");
    }
  }

  /** Returns a queued request to NEW: its put was refused, or shutdownNow() removed it. */
  void unclaim() {
    STATE.compareAndSet(this, QUEUED, NEW);
  }

  /**
   * Runs the task on the current thread and keeps its outcome for {@link #deliver()}.
   *
   * @return {@code true} if the task completed normally
   */
  boolean execute() {
    STATE.setRelease(this, RUNNING); // read by toString only
    try {
      result = task.call();
      return true;
    } catch (Throwable t) {
      failure = t;
      exception = true;
      return false;
    } finally {
      STATE.setRelease(this, DONE);
    }
  }

  Callable<T> task() {
    return task;
  }

  /** Records a result computed elsewhere (by another {@link RequestPool}). */
  void complete(T value) {
    result = value;
    STATE.setRelease(this, DONE);
  }

  /** Records a failure: the task's own, or one that kept it from running. */
  void fail(Throwable problem) {
    failure = problem;
    exception = true;
    STATE.setRelease(this, DONE);
  }

  /** Passes the outcome kept by {@link #execute()} to the matching callback. */
  @SuppressWarnings("NullAway") // the result is null exactly when T admits null
  void deliver() {
    Throwable thrown = failure;
    if (thrown != null) {
      failure = null;
      if (exceptionCallback != null) {
        exceptionCallback.onException(this, thrown);
      }
    } else {
      T value = result;
      result = null;
      if (callback != null) {
        callback.onResult(this, value);
      }
    }
  }

  private String stateName() {
    return switch (state) {
      case NEW -> "new";
      case QUEUED -> "queued";
      case RUNNING -> "running";
      default -> "done";
    };
  }

  @Override
  public String toString() {
    return "WorkRequest[id=" + requestId + ", " + stateName() + (exception ? ", failed]" : "]");
  }

  /**
   * A builder of a {@link WorkRequest}.
   *
   * @param <T> the type of the task's result
   */
  public static final class Builder<T extends @Nullable Object> {

    private final Callable<T> task;
    private @Nullable Object requestId;
    private @Nullable ResultCallback<T> callback;
    private @Nullable ExceptionCallback exceptionCallback = LOG_FAILURE;

    private Builder(Callable<T> task) {
      this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * Sets the id of the request, kept verbatim. Without one, the request gets an id that equals no
     * other object in the JVM.
     *
     * @throws NullPointerException if {@code requestId} is {@code null}
     */
    public Builder<T> requestId(Object requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /** Sets the callback that receives the result; {@code null} (the default) drops it. */
    public Builder<T> callback(@Nullable ResultCallback<T> callback) {
      this.callback = callback;
      return this;
    }

    /**
     * Sets the callback that receives a failure; {@code null} drops it. By default a failure is
     * logged with its stack trace at {@code WARNING} through {@link System.Logger}.
     */
    public Builder<T> exceptionCallback(@Nullable ExceptionCallback exceptionCallback) {
      this.exceptionCallback = exceptionCallback;
      return this;
    }

    /** Returns a new request; the builder may be used again. */
    public WorkRequest<T> build() {
      return new WorkRequest<>(this);
    }
  }

  /** A generated request id: equal only to itself, so it never collides with a caller's id. */
  private record GeneratedId(long value) {
    @Override
    public String toString() {
      return "#" + value;
    }
  }
}
