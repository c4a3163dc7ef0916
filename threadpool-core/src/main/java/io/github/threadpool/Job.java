package io.github.threadpool;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A request or task together with what the pool made for it when it was put: its decoration (made
 * on the putting thread) and its ticket for the observer. The request queue holds a job only for
 * pools with a task decorator or an observer; other pools queue the work itself. Holding the
 * original work lets {@code shutdownNow()} hand it back undecorated, and a decoration that fails or
 * never runs the work cannot lose it.
 */
final class Job implements Runnable {

  final Runnable work;
  final @Nullable WorkTicket ticket;
  private final @Nullable Runnable decorated;
  private @Nullable Consumer<Runnable> runner;
  private boolean ran;

  Job(Runnable work, @Nullable UnaryOperator<Runnable> decorator, @Nullable WorkTicket ticket) {
    this.work = work;
    this.ticket = ticket;
    this.decorated =
        decorator == null
            ? null
            : Objects.requireNonNull(
                decorator.apply(this),
                () -> "taskDecorator returned null for " + Describe.job(work));
  }

  /** Returns the work a queued element stands for. */
  static Runnable unwrap(Runnable job) {
    return job instanceof Job j ? j.work : job;
  }

  boolean isDecorated() {
    return decorated != null;
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
  @Nullable Throwable runDecorated(Consumer<Runnable> runner, Consumer<Throwable> reportAfterRun) {
    Runnable decoration = Objects.requireNonNull(decorated, "decorated");
    this.runner = runner;
    Throwable thrown = null;
    try {
      decoration.run();
    } catch (Throwable t) {
      thrown = t;
    }
    if (ran) {
      if (thrown != null) {
        reportAfterRun.accept(thrown); // thrown by the decoration after the work ran
      }
      return null;
    }
    return thrown != null
        ? thrown
        : new IllegalStateException("the task decorator did not run " + Describe.job(work));
  }

  @Override
  public String toString() {
    return Describe.job(work);
  }
}
