package io.github.threadpool.sample;

import io.github.threadpool.Arguments;
import io.github.threadpool.NoResultsPendingException;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The Python module's demo, line for line, on the named pool {@value #POOL} (configured in {@code
 * application-demo.yml}): 20 single-argument requests and 20 {@link Arguments} requests, random
 * failures, results polled while the main thread "works", 3 workers added after 10 rounds and 2
 * dismissed after 20. Sleeps are scaled by {@code sample.demo-time-scale}. Runs with the {@code
 * demo} profile, which also turns the web server off.
 */
@Component
@Profile(DemoRunner.PROFILE)
class DemoRunner implements ApplicationRunner {

  static final String PROFILE = "demo";

  /** The name of the pool the demo runs on. */
  static final String POOL = "demo";

  private final ThreadPool pool;
  private final double timeScale;
  private final PrintStream out;

  @Autowired
  DemoRunner(@Qualifier(POOL) ThreadPool pool, SampleProperties properties) {
    this(pool, properties.demoTimeScale(), System.out);
  }

  DemoRunner(ThreadPool pool, double timeScale, PrintStream out) {
    this.pool = pool;
    this.timeScale = timeScale;
    this.out = out;
  }

  @Override
  public void run(ApplicationArguments args) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Integer> data = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      data.add(random.nextInt(1, 11));
    }
    List<WorkRequest<Double>> requests =
        WorkRequest.makeRequests(this::doSomething, data, this::printResult, this::handleException);
    // the other form of argument accepted by makeRequests: (positional, keywords)
    List<Arguments> argumentPairs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      argumentPairs.add(Arguments.of(List.of(random.nextInt(1, 11)), Map.of()));
    }
    requests.addAll(
        WorkRequest.makeRequests(
            arguments -> doSomething((Integer) arguments.get(0)),
            argumentPairs,
            this::printResult,
            this::handleException));

    out.printf("Creating thread pool with %d worker threads.%n", pool.workerCount());
    for (WorkRequest<Double> request : requests) {
      pool.putRequest(request);
      out.printf("Work request %s added.%n", request.requestId());
    }

    int i = 0;
    while (true) {
      try {
        sleep(500);
        pool.poll(false);
        out.printf("Main thread working... (active worker threads: %d)%n", pool.workerCount());
        if (i == 10) {
          out.println("**** Adding 3 more worker threads...");
          pool.createWorkers(3);
        }
        if (i == 20) {
          out.println("**** Dismissing 2 worker threads...");
          pool.dismissWorkers(2);
        }
        i++;
      } catch (NoResultsPendingException e) {
        out.println("**** No pending results.");
        break;
      }
    }
    if (pool.stats().dismissedWorkers() > 0) {
      out.println("Joining all dismissed worker threads...");
      pool.joinAllDismissedWorkers();
    }
  }

  /** The work: sleeps 1 to 5 (scaled) seconds, then fails when the result exceeds 5. */
  private double doSomething(int data) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    sleep(1000L * random.nextInt(1, 6));
    double result = Math.round(random.nextDouble() * data * 100_000) / 100_000.0;
    if (result > 5) {
      throw new IllegalStateException("Something extraordinary happened!");
    }
    return result;
  }

  private void printResult(WorkRequest<Double> request, Double result) {
    out.printf("**** Result from request %s: %s%n", request.requestId(), result);
  }

  private void handleException(WorkRequest<?> request, Throwable exception) {
    out.printf("**** Exception occurred in request %s: %s%n", request.requestId(), exception);
  }

  private void sleep(long millis) {
    try {
      TimeUnit.MICROSECONDS.sleep(Math.round(millis * 1000 * timeScale));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("demo interrupted", e);
    }
  }
}
