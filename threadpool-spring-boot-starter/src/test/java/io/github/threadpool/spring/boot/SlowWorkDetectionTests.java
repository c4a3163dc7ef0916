package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import io.github.threadpool.spring.boot.slowwork.SlowWorkEvent;
import io.github.threadpool.spring.boot.slowwork.SlowWorkKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class SlowWorkDetectionTests {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class))
          .withBean(SlowWorkEvents.class)
          .withPropertyValues("threadpool.workers=2", "threadpool.thread-name-prefix=slow-");

  /** One worker, whose work is interrupted once it has run for 100 ms. */
  private final ApplicationContextRunner interruptingOneWorker =
      runner.withPropertyValues(
          "threadpool.workers=1",
          "threadpool.run-timeout=100ms",
          "threadpool.run-timeout-interrupt=true");

  @Test
  void poolWhenNoTimeoutIsSetAndNothingMeasuresShouldGetNoDetectorAndNoWatchdog() {
    runner.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          assertThat(detectors(context).find(pool)).isEmpty();
          assertThat(Thread.getAllStackTraces().keySet())
              .extracting(Thread::getName)
              .doesNotContain("slow-default-watchdog");
        });
  }

  @Test
  void namedPoolsWhenTimeoutsAreSetAtTheTopShouldInheritThemAndMayTurnThemOff() {
    runner
        .withPropertyValues(
            "threadpool.queue-timeout=2s",
            "threadpool.run-timeout=3s",
            "threadpool.run-timeout-interrupt=true",
            "threadpool.pools.io.run-timeout=0",
            "threadpool.pools.io.run-timeout-interrupt=false",
            "threadpool.pools.cpu.queue-timeout=500ms")
        .run(
            context -> {
              SlowWorkDetector main = detector(context, "default");
              assertThat(main.queueTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(main.runTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(main.isInterruptOnRunTimeout()).isTrue();
              SlowWorkDetector io = detector(context, "io");
              assertThat(io.queueTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(io.runTimeout()).isNull();
              assertThat(io.isInterruptOnRunTimeout()).isFalse();
              SlowWorkDetector cpu = detector(context, "cpu");
              assertThat(cpu.queueTimeout()).isEqualTo(Duration.ofMillis(500));
              assertThat(cpu.runTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(cpu.isInterruptOnRunTimeout()).isTrue();
              assertThat(detectors(context).find(context.getBean("ioThreadPool", ThreadPool.class)))
                  .containsSame(io);
            });
  }

  @Test
  void stuckRequestWhenItRunsPastTheRunTimeoutShouldBeReportedOnceWithItsWorkersStack(
      CapturedOutput output) {
    runner
        .withPropertyValues("threadpool.run-timeout=100ms")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              SlowWorkEvents events = context.getBean(SlowWorkEvents.class);
              List<String> results = new CopyOnWriteArrayList<>();
              CountDownLatch release = new CountDownLatch(1);
              try {
                pool.putRequest(blocking("stuck-1", release, results));
                await().atMost(PATIENCE).until(() -> events.received.size() == 1);
                // A second stuck request is reported only after the watchdog has looked at the
                // first one again: had it reported the first twice, there would be a third event.
                pool.putRequest(blocking("stuck-2", release, results));
                await().atMost(PATIENCE).until(() -> events.received.size() >= 2);
                assertThat(events.received)
                    .extracting(SlowWorkEvent::getRequestId)
                    .containsExactly("stuck-1", "stuck-2");
              } finally {
                release.countDown();
              }
              pool.waitForAll();

              SlowWorkEvent first = events.received.get(0);
              assertThat(first.getSource()).isSameAs(pool);
              assertThat(first.getPoolName()).isEqualTo("default");
              assertThat(first.getKind()).isEqualTo(SlowWorkKind.RUN);
              assertThat(first.getWorkerName()).startsWith("slow-default-");
              assertThat(first.getTimeout()).isEqualTo(Duration.ofMillis(100));
              assertThat(first.getElapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
              assertThat(first.isInterrupted()).isFalse();
              assertThat(first.getWorkerStackTrace())
                  .anySatisfy(
                      frame ->
                          assertThat(frame.getClassName() + "." + frame.getMethodName())
                              .isEqualTo("java.util.concurrent.CountDownLatch.await"));
              assertThat(events.threads).allMatch(name -> name.equals("slow-default-watchdog"));
              SlowWorkDetector detector = detector(context, "default");
              assertThat(detector.timeouts(SlowWorkKind.RUN)).isEqualTo(2);
              assertThat(detector.timeouts(SlowWorkKind.QUEUE)).isZero();
              // never interrupted unless configured: both ran to the end
              assertThat(results).containsExactly("done", "done");

              assertThat(occurrences(output, "request 'stuck-1' has been running")).isOne();
              assertThat(output)
                  .contains("WARN")
                  .contains("Thread pool 'default': request 'stuck-1' has been running for")
                  .contains("on worker '" + first.getWorkerName() + "'")
                  .contains("longer than the run timeout of 100 ms")
                  .contains("java.util.concurrent.CountDownLatch.await");
            });
  }

  @Test
  void queuedRequestWhenItWaitsPastTheQueueTimeoutShouldBeReportedOnceWhileItWaits(
      CapturedOutput output) {
    runner
        .withPropertyValues("threadpool.workers=1", "threadpool.queue-timeout=100ms")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              SlowWorkEvents events = context.getBean(SlowWorkEvents.class);
              List<String> results = new CopyOnWriteArrayList<>();
              CountDownLatch release = new CountDownLatch(1);
              try {
                occupyTheWorker(pool, release);
                pool.putRequest(
                    WorkRequest.builder(() -> "ran")
                        .requestId("queued-1")
                        .callback((request, result) -> results.add(result))
                        .build());
                await().atMost(PATIENCE).until(() -> events.received.size() == 1);
                pool.putRequest(
                    WorkRequest.builder(() -> "ran")
                        .requestId("queued-2")
                        .callback((request, result) -> results.add(result))
                        .build());
                await().atMost(PATIENCE).until(() -> events.received.size() >= 2);
              } finally {
                release.countDown();
              }
              pool.waitForAll();

              assertThat(events.received)
                  .extracting(SlowWorkEvent::getRequestId)
                  .containsExactly("queued-1", "queued-2");
              SlowWorkEvent first = events.received.get(0);
              assertThat(first.getKind()).isEqualTo(SlowWorkKind.QUEUE);
              assertThat(first.getWorkerName()).isNull();
              assertThat(first.getWorkerStackTrace()).isEmpty();
              assertThat(first.getElapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
              assertThat(detector(context, "default").timeouts(SlowWorkKind.QUEUE)).isEqualTo(2);
              assertThat(detector(context, "default").timeouts(SlowWorkKind.RUN)).isZero();
              assertThat(results).containsExactly("ran", "ran");
              assertThat(occurrences(output, "request 'queued-1' has waited")).isOne();
              assertThat(output)
                  .contains(
                      "Thread pool 'default': request 'queued-1' has waited",
                      "longer than the queue timeout of 100 ms, and is still queued");
            });
  }

  @Test
  void stuckRequestWhenInterruptIsConfiguredShouldBeInterruptedAndTheWorkersNextWorkShouldNot() {
    interruptingOneWorker.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          SlowWorkEvents events = context.getBean(SlowWorkEvents.class);
          List<Throwable> failures = new CopyOnWriteArrayList<>();
          CountDownLatch never = new CountDownLatch(1);
          pool.putRequest(
              WorkRequest.builder(() -> never.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS))
                  .requestId("interrupted")
                  .exceptionCallback((request, failure) -> failures.add(failure))
                  .build());
          pool.waitForAll();

          assertThat(failures).singleElement().isInstanceOf(InterruptedException.class);
          // the watchdog interrupts first and reports then, so the event may come after
          await().atMost(PATIENCE).until(() -> !events.received.isEmpty());
          assertThat(events.received).singleElement().matches(SlowWorkEvent::isInterrupted);
          assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get())
              .as("the next work on the same worker is not interrupted")
              .isFalse();
        });
  }

  @Test
  void workerWhenItRunsSlowWorkAgainShouldReportEachPieceOnceAndInterruptOnlyThatPiece() {
    // One worker runs every piece, so its tracking is reused from one piece to the next: a report
    // or an interrupt meant for one piece must reach neither the quick piece after it nor the
    // next slow one, which is reported on its own.
    interruptingOneWorker.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          SlowWorkEvents events = context.getBean(SlowWorkEvents.class);
          List<String> outcomes = new CopyOnWriteArrayList<>();
          CountDownLatch never = new CountDownLatch(1);
          for (String id : List.of("slow-1", "slow-2")) {
            pool.putRequest(
                WorkRequest.builder(
                        () -> {
                          try {
                            never.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
                            return id + " ran out";
                          } catch (InterruptedException e) {
                            return id + " interrupted";
                          }
                        })
                    .requestId(id)
                    .callback((request, result) -> outcomes.add(result))
                    .build());
            pool.putRequest(
                WorkRequest.builder(() -> id + " then quick, interrupted: " + Thread.interrupted())
                    .requestId(id + "-quick")
                    .callback((request, result) -> outcomes.add(result))
                    .build());
          }
          pool.waitForAll();

          assertThat(outcomes)
              .containsExactly(
                  "slow-1 interrupted",
                  "slow-1 then quick, interrupted: false",
                  "slow-2 interrupted",
                  "slow-2 then quick, interrupted: false");
          // the watchdog interrupts first and reports then, so the events may come after
          await().atMost(PATIENCE).until(() -> events.received.size() >= 2);
          assertThat(events.received)
              .extracting(SlowWorkEvent::getRequestId)
              .containsExactly("slow-1", "slow-2");
          assertThat(events.received).allMatch(SlowWorkEvent::isInterrupted);
          assertThat(detector(context, "default").timeouts(SlowWorkKind.RUN)).isEqualTo(2);
        });
  }

  @Test
  void timeoutsWhenChangedAtRuntimeShouldApplyToTheNextWork() {
    runner
        .withPropertyValues("threadpool.queue-timeout=1h")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              SlowWorkEvents events = context.getBean(SlowWorkEvents.class);
              SlowWorkDetector detector = detector(context, "default");
              assertThat(detector.runTimeout()).isNull();

              detector.setRunTimeout(Duration.ofMillis(100));
              CountDownLatch release = new CountDownLatch(1);
              List<String> results = new CopyOnWriteArrayList<>();
              try {
                pool.putRequest(blocking("changed", release, results));
                await().atMost(PATIENCE).until(() -> events.received.size() == 1);
              } finally {
                release.countDown();
              }
              pool.waitForAll();
              assertThat(events.received.get(0).getKind()).isEqualTo(SlowWorkKind.RUN);

              detector.setRunTimeout(Duration.ZERO);
              detector.setQueueTimeout(null);
              assertThat(detector.runTimeout()).isNull();
              assertThat(detector.queueTimeout()).isNull();
              assertThatIllegalArgumentException()
                  .isThrownBy(() -> detector.setRunTimeout(Duration.ofSeconds(-1)))
                  .withMessage("runTimeout must be >= 0 (0 or null: no limit), was PT-1S");
              assertThat(detector.runTimeout()).isNull();
            });
  }

  @Test
  void listenerWhenItThrowsShouldNotStopTheDetection(CapturedOutput output) {
    runner
        .withPropertyValues("threadpool.run-timeout=100ms")
        .withBean(ThrowingListener.class)
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              ThrowingListener listener = context.getBean(ThrowingListener.class);
              CountDownLatch release = new CountDownLatch(1);
              List<String> results = new CopyOnWriteArrayList<>();
              try {
                pool.putRequest(blocking("first", release, results));
                await().atMost(PATIENCE).until(() -> listener.calls.size() == 1);
                pool.putRequest(blocking("second", release, results));
                await().atMost(PATIENCE).until(() -> listener.calls.size() == 2);
              } finally {
                release.countDown();
              }
              pool.waitForAll();
              assertThat(results).containsExactly("done", "done");
              assertThat(detector(context, "default").timeouts(SlowWorkKind.RUN)).isEqualTo(2);
              assertThat(output).contains("a listener of SlowWorkEvent failed");
            });
  }

  @Test
  void listenerWhenItBlocksShouldNotStallTheWorkers() {
    runner
        .withPropertyValues("threadpool.run-timeout=100ms")
        .withBean(BlockingListener.class)
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              BlockingListener listener = context.getBean(BlockingListener.class);
              CountDownLatch release = new CountDownLatch(1);
              List<String> results = new CopyOnWriteArrayList<>();
              try {
                pool.putRequest(blocking("reported", release, results));
                assertThat(listener.entered.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
                release.countDown();
                // the listener still blocks the watchdog; the workers go on
                assertThat(pool.submit(() -> 42).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(42);
                pool.waitForAll();
                assertThat(results).containsExactly("done");
              } finally {
                release.countDown();
                listener.unblock.countDown();
              }
            });
  }

  @Test
  void watchdogWhenNothingIsQueuedOrRunningShouldParkWithoutTimeoutAndUseNoCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeThat(mx.isThreadCpuTimeSupported()).as("thread CPU time is measurable here").isTrue();
    if (!mx.isThreadCpuTimeEnabled()) {
      mx.setThreadCpuTimeEnabled(true);
    }
    runner
        .withPropertyValues("threadpool.queue-timeout=50ms", "threadpool.run-timeout=50ms")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              // work that the watchdog tracks, so that it has waited for deadlines before
              for (int i = 0; i < 100; i++) {
                pool.putRequest(WorkRequest.of(() -> 1));
              }
              pool.waitForAll();
              Thread watchdog = thread("slow-default-watchdog");
              // WAITING, not TIMED_WAITING: parked without a timeout, so it never wakes by itself
              await().atMost(PATIENCE).until(() -> watchdog.getState() == Thread.State.WAITING);

              long before = mx.getThreadCpuTime(watchdog.getId());
              Pause.pause(Duration.ofSeconds(1)); // the measurement window
              long cpuNanos = mx.getThreadCpuTime(watchdog.getId()) - before;

              assertThat(watchdog.getState()).isEqualTo(Thread.State.WAITING);
              assertThat(TimeUnit.NANOSECONDS.toMillis(cpuNanos))
                  .as("CPU time of the idle pool's watchdog over one second, in ms")
                  .isLessThan(5);
            });
  }

  @Test
  void watchdogWhenTheContextClosesShouldStop() {
    Thread[] watchdog = new Thread[1];
    runner
        .withPropertyValues("threadpool.run-timeout=1s")
        .run(context -> watchdog[0] = thread("slow-default-watchdog"));
    await().atMost(PATIENCE).until(() -> !watchdog[0].isAlive());
  }

  private static WorkRequest<String> blocking(
      String id, CountDownLatch release, List<String> results) {
    return WorkRequest.builder(
            () -> {
              release.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
              return "done";
            })
        .requestId(id)
        .callback((request, result) -> results.add(result))
        .build();
  }

  private static void occupyTheWorker(ThreadPool pool, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          try {
            release.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(started.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  private static SlowWorkDetectors detectors(AssertableApplicationContext context) {
    return context.getBean(SlowWorkDetectors.class);
  }

  private static SlowWorkDetector detector(AssertableApplicationContext context, String pool) {
    Optional<SlowWorkDetector> detector = detectors(context).find(pool);
    assertThat(detector).as("the detector of pool %s", pool).isPresent();
    return detector.orElseThrow();
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread named " + name));
  }

  private static int occurrences(CapturedOutput output, String text) {
    Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output.getOut());
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  static class SlowWorkEvents implements ApplicationListener<SlowWorkEvent> {

    final List<SlowWorkEvent> received = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(SlowWorkEvent event) {
      threads.add(Thread.currentThread().getName());
      received.add(event);
    }
  }

  static class ThrowingListener implements ApplicationListener<SlowWorkEvent> {

    final List<SlowWorkEvent> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(SlowWorkEvent event) {
      calls.add(event);
      throw new IllegalStateException("a listener that fails, expected by the test");
    }
  }

  static class BlockingListener implements ApplicationListener<SlowWorkEvent> {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch unblock = new CountDownLatch(1);

    @Override
    public void onApplicationEvent(SlowWorkEvent event) {
      entered.countDown();
      try {
        unblock.await(PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
