package io.github.threadpool;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * A future of a task given to {@code submit} or the {@code invoke} methods. It tells the worker
 * running it whether its task threw, or was cancelled before it ran, so that the pool counts it
 * right even when another future wraps it (as {@code invokeAny}'s does). A task cancelled while it
 * runs counts by how its code ended: completed if it returned, failed if it threw.
 */
class TrackedFuture<T extends @Nullable Object> extends FutureTask<T> {

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
  protected void setException(Throwable t) {
    record(Worker.FAILED);
    super.setException(t);
  }

  /** Fails the future with {@code problem}, which kept its task from running. */
  void fail(Throwable problem) {
    setException(problem);
  }

  private static void record(int outcome) {
    Worker worker = Worker.current();
    if (worker != null) {
      worker.outcome = outcome;
    }
  }
}
