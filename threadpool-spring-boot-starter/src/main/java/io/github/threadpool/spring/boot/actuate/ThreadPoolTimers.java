package io.github.threadpool.spring.boot.actuate;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkObserver;
import io.github.threadpool.WorkTicket;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Times one pool's requests and tasks, as its {@link WorkObserver}, into the timers of every
 * registry it is {@linkplain #bindTo(MeterRegistry, Iterable) bound to}:
 *
 * <table>
 *   <caption>Timers</caption>
 *   <tr><th>timer</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #WAIT}</td><td></td><td>accepted into the queue → a worker starts it</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>{@value #OUTCOME_TAG} = {@code success} | {@code
 *       failure}</td><td>run time on the worker</td></tr>
 *   <tr><td>{@value #RESULTS_WAIT}</td><td></td><td>a request finished → its callback starts on
 *       the polling thread</td></tr>
 * </table>
 *
 * <p>Histograms and percentiles are configured on the registry, for example with Spring Boot's
 * {@code management.metrics.distribution.*} properties. Recording costs a few field reads and one
 * timer update per event for each registry; with no registry bound it records nothing.
 */
public final class ThreadPoolTimers implements WorkObserver {

  /** The timer of the time work waits in the queue. */
  public static final String WAIT = "threadpool.requests.wait";

  /** The timer of the time work runs on a worker. */
  public static final String DURATION = "threadpool.requests.duration";

  /** The timer of the time a finished request's result waits to be delivered. */
  public static final String RESULTS_WAIT = "threadpool.results.wait";

  /** The tag of {@value #DURATION} that tells whether the work threw. */
  public static final String OUTCOME_TAG = "outcome";

  private static final Bound[] NONE = {};

  /** The timers of each registry; copied on write, read on every event. */
  private volatile Bound[] bound = NONE;

  /**
   * Registers this pool's timers with {@code registry}, tagged with {@code tags}, and records into
   * them from now on. Binding to the same registry again changes nothing.
   *
   * @return the registered timers
   */
  public synchronized List<Meter> bindTo(MeterRegistry registry, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    for (Bound existing : bound) {
      if (existing.registry == registry) {
        return existing.meters();
      }
    }
    Tags common = Tags.of(tags);
    Bound timers =
        new Bound(
            registry,
            Timer.builder(WAIT)
                .description("time a request or task waited in the queue until a worker started it")
                .tags(common)
                .register(registry),
            Timer.builder(DURATION)
                .description("time a request or task ran on a worker")
                .tags(common)
                .tag(OUTCOME_TAG, "success")
                .register(registry),
            Timer.builder(DURATION)
                .description("time a request or task ran on a worker")
                .tags(common)
                .tag(OUTCOME_TAG, "failure")
                .register(registry),
            Timer.builder(RESULTS_WAIT)
                .description(
                    "time a finished request's result waited until its callback started on the"
                        + " polling thread")
                .tags(common)
                .register(registry));
    Bound[] more = Arrays.copyOf(bound, bound.length + 1);
    more[bound.length] = timers;
    bound = more;
    return timers.meters();
  }

  /** Stops recording into the timers of {@code registry}; it keeps them until it removes them. */
  public synchronized void unbind(MeterRegistry registry) {
    bound =
        Arrays.stream(bound).filter(timers -> timers.registry != registry).toArray(Bound[]::new);
  }

  @Override
  public void started(ThreadPool pool, WorkTicket ticket) {
    long waited = ticket.startedNanos() - ticket.acceptedNanos();
    for (Bound timers : bound) {
      timers.waitTimer.record(waited, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {
    long started = ticket.startedNanos();
    if (started == 0) {
      return;
    }
    long ran = ticket.finishedNanos() - started;
    for (Bound timers : bound) {
      (failed ? timers.failure : timers.success).record(ran, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void delivering(ThreadPool pool, WorkTicket ticket) {
    long finished = ticket.finishedNanos();
    if (finished == 0) {
      return;
    }
    long waited = System.nanoTime() - finished;
    for (Bound timers : bound) {
      timers.resultsWait.record(waited, TimeUnit.NANOSECONDS);
    }
  }

  private record Bound(
      MeterRegistry registry, Timer waitTimer, Timer success, Timer failure, Timer resultsWait) {

    List<Meter> meters() {
      return List.of(waitTimer, success, failure, resultsWait);
    }
  }
}
