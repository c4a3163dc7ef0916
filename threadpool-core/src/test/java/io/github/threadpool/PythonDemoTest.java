package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Python module's {@code __main__} demo, ported: 20 requests with one argument and 20 with an
 * {@link Arguments} value, 3 workers, random failures, 3 workers added after a while and 2
 * dismissed later, polled without blocking until nothing is pending. Every request must end in
 * exactly one callback.
 *
 * <p>The demo's sleeps (1–5 s per job, 0.5 s per pass of the main loop) are scaled down to a {@link
 * DemoClock} that the main loop advances by one tick (0.5 s) per pass, so that jobs take 2 to 10
 * ticks. In wall-clock time a slow machine could let the jobs finish before the loop reaches pass
 * 20 (where Python dismisses workers); in demo time the ratio holds on any machine.
 */
@Timeout(60)
class PythonDemoTest extends PoolTestSupport {

  /** Demo time: one tick per pass of the main loop, the Python demo's {@code time.sleep(0.5)}. */
  private static final class DemoClock {
    private long now; // guarded by this

    synchronized void tick() {
      now++;
      notifyAll();
    }

    /** Python's {@code time.sleep(seconds)} in demo time: two ticks per second. */
    synchronized void sleep(int seconds) {
      long until = now + 2L * seconds;
      while (now < until) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while sleeping in demo time");
        }
      }
    }
  }

  private final DemoClock clock = new DemoClock();

  /** The Python demo's {@code do_something}: sleeps, then returns a random value or raises. */
  private double doSomething(int data) {
    // time.sleep(random.randint(1, 5))
    clock.sleep(1 + ThreadLocalRandom.current().nextInt(5));
    // round(random.random() * data, 5)
    double result = Math.round(ThreadLocalRandom.current().nextDouble() * data * 1e5) / 1e5;
    if (result > 5) {
      throw new IllegalStateException("Something extraordinary happened!");
    }
    return result;
  }

  @Test
  void demo_everyRequestEndsInExactlyOneCallback() {
    Random random = new Random();
    Map<Object, AtomicInteger> callbacks = new ConcurrentHashMap<>();
    List<String> output = new ArrayList<>();
    AtomicInteger results = new AtomicInteger();
    AtomicInteger exceptions = new AtomicInteger();
    ResultCallback<Double> printResult =
        (request, result) -> {
          Objects.requireNonNull(callbacks.get(request.requestId())).incrementAndGet();
          results.incrementAndGet();
          assertThat(result).isBetween(0.0, 5.0);
          output.add("**** Result from request " + request.requestId() + ": " + result);
        };
    ExceptionCallback handleException =
        (request, exception) -> {
          Objects.requireNonNull(callbacks.get(request.requestId())).incrementAndGet();
          exceptions.incrementAndGet();
          assertThat(request.isException()).isTrue();
          assertThat(exception)
              .isInstanceOf(IllegalStateException.class)
              .hasMessage("Something extraordinary happened!");
          output.add(
              "**** Exception occurred in request " + request.requestId() + ": " + exception);
        };

    // data = [random.randint(1,10) for i in range(20)]
    List<Integer> data = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      data.add(1 + random.nextInt(10));
    }
    List<WorkRequest<Double>> requests =
        WorkRequest.makeRequests(this::doSomething, data, printResult, handleException);
    // data = [((random.randint(1,10),), {}) for i in range(20)]
    List<Arguments> argumentData = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      argumentData.add(Arguments.of(List.of(1 + random.nextInt(10)), Map.of()));
    }
    requests.addAll(
        WorkRequest.makeRequests(
            (Arguments a) -> doSomething((Integer) a.get(0)),
            argumentData,
            printResult,
            handleException));
    for (WorkRequest<Double> request : requests) {
      callbacks.put(request.requestId(), new AtomicInteger());
    }

    ThreadPool main = track(ThreadPool.builder().name("demo").workers(3).build());
    for (WorkRequest<Double> request : requests) {
      main.putRequest(request);
      output.add("Work request " + request.requestId() + " added.");
    }

    int i = 0;
    boolean created = false;
    boolean dismissed = false;
    while (true) {
      try {
        // time.sleep(0.5): half a second of demo time, and a real pause of 0.1 ms so that the
        // main thread does not spin (pacing, not waiting for an event)
        clock.tick();
        LockSupport.parkNanos(100_000);
        main.poll(false);
        output.add("Main thread working... (active worker threads: " + main.workerCount() + ")");
        if (i == 10) {
          output.add("**** Adding 3 more worker threads...");
          main.createWorkers(3);
          created = true;
        }
        if (i == 20) {
          output.add("**** Dismissing 2 worker threads...");
          main.dismissWorkers(2);
          dismissed = true;
        }
        i++;
      } catch (NoResultsPendingException e) {
        output.add("**** No pending results.");
        break;
      }
    }
    if (main.stats().dismissedWorkers() > 0) {
      main.joinAllDismissedWorkers();
    }

    assertThat(created).as("workers were added mid-way").isTrue();
    assertThat(dismissed).as("workers were dismissed mid-way").isTrue();
    assertThat(main.workerCount()).isEqualTo(4);
    assertThat(main.stats().dismissedWorkers()).isZero();
    assertThat(callbacks).hasSize(40);
    assertThat(callbacks.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(results.get() + exceptions.get()).isEqualTo(40);
    assertThat(main.stats().completed()).isEqualTo(results.get());
    assertThat(main.stats().failed()).isEqualTo(exceptions.get());
    assertThat(main.pendingRequestCount()).isZero();
    assertThat(output).last().isEqualTo("**** No pending results.");
  }
}
