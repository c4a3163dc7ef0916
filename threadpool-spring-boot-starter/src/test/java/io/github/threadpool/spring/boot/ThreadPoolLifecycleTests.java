package io.github.threadpool.spring.boot;

import static io.github.threadpool.spring.boot.ThreadPoolAutoConfigurationTests.workerThreads;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class ThreadPoolLifecycleTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ThreadPoolAutoConfiguration.class));

  @Test
  void contextWhenClosedWithWorkLeftAfterThePeriodShouldDropItLogTheCountsAndLeaveNoThread(
      CapturedOutput output) {
    AtomicReference<ThreadPool> pool = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    runner
        .withPropertyValues(
            "threadpool.workers=1",
            "threadpool.thread-name-prefix=stop-",
            "threadpool.shutdown.await-termination-period=200ms")
        .run(
            context -> {
              ThreadPool threadPool = context.getBean(ThreadPool.class);
              pool.set(threadPool);
              threadPool.execute(
                  () -> {
                    started.countDown();
                    try {
                      never.await(); // until interrupted by the stop
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
              assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
              for (int i = 0; i < 3; i++) {
                threadPool.putRequest(WorkRequest.of(() -> "queued"));
              }
              threadPool.execute(() -> {});
              assertThat(threadPool.stats().queueDepth()).isEqualTo(4);
            });

    assertThat(requireNonNull(pool.get()).isTerminated()).isTrue();
    assertThat(workerThreads("stop-default-")).isEmpty();
    assertThat(requireNonNull(pool.get()).pendingRequestCount()).isZero();
    assertThat(output)
        .contains(
            "Thread pool 'default' did not finish its work within PT0.2S: 0 requests and tasks"
                + " finished in that time, 3 queued requests and 1 queued tasks were dropped, 1"
                + " running were interrupted");
  }

  @Test
  void contextWhenClosedShouldReportTheWorkThatFinishedDuringThePeriodApartFromWhatWasStopped(
      CapturedOutput output) {
    AtomicReference<ThreadPool> pool = new AtomicReference<>();
    CountDownLatch blockersStarted = new CountDownLatch(2);
    runner
        .withPropertyValues(
            "threadpool.workers=2", "threadpool.shutdown.await-termination-period=2s")
        .run(
            context -> {
              ThreadPool threadPool = context.getBean(ThreadPool.class);
              pool.set(threadPool);
              CountDownLatch firstStarted = new CountDownLatch(1);
              threadPool.execute(() -> blockUntilInterrupted(blockersStarted));
              // the other worker runs this one until the shutdown begins, then the second blocker
              threadPool.execute(
                  () -> {
                    firstStarted.countDown();
                    await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(threadPool::isShutdown);
                  });
              threadPool.execute(() -> blockUntilInterrupted(blockersStarted));
              for (int i = 0; i < 3; i++) {
                threadPool.putRequest(WorkRequest.of(() -> "queued"));
              }
              assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            });

    assertThat(blockersStarted.getCount()).isZero();
    assertThat(requireNonNull(pool.get()).isTerminated()).isTrue();
    assertThat(output)
        .contains(
            "Thread pool 'default' did not finish its work within PT2S: 1 requests and tasks"
                + " finished in that time, 3 queued requests and 0 queued tasks were dropped, 2"
                + " running were interrupted");
  }

  @Test
  void contextWhenClosedAfterAllWorkFinishedInThePeriodShouldSaySoWithoutWarning(
      CapturedOutput output) {
    CountDownLatch started = new CountDownLatch(1);
    runner
        .withPropertyValues("threadpool.workers=1")
        .run(
            context -> {
              ThreadPool threadPool = context.getBean(ThreadPool.class);
              threadPool.execute(
                  () -> {
                    started.countDown();
                    await()
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(threadPool::isShutdown);
                  });
              threadPool.execute(() -> {});
              threadPool.execute(() -> {});
              assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            });

    assertThat(output)
        .containsPattern(
            "INFO .*Thread pool 'default' finished its work before stopping: 3 requests and"
                + " tasks ended during the shutdown")
        .doesNotContain("did not finish its work");
  }

  private static void blockUntilInterrupted(CountDownLatch started) {
    started.countDown();
    try {
      new CountDownLatch(1).await(); // until the stop interrupts it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void contextWhenClosedShouldStopThePoolsInParallel(CapturedOutput output) {
    // Each pool runs a task that finishes only once the other pool is shut down: stopped one after
    // the other, the first pool's task would wait out its whole period and be interrupted.
    AtomicReference<ThreadPool> io = new AtomicReference<>();
    AtomicReference<ThreadPool> cpu = new AtomicReference<>();
    List<String> finished = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(2);
    runner
        .withPropertyValues(
            "threadpool.workers=0",
            "threadpool.pools.io.workers=1",
            "threadpool.pools.cpu.workers=1",
            "threadpool.shutdown.await-termination-period=10s")
        .run(
            context -> {
              ThreadPool ioPool = context.getBean("ioThreadPool", ThreadPool.class);
              ThreadPool cpuPool = context.getBean("cpuThreadPool", ThreadPool.class);
              io.set(ioPool);
              cpu.set(cpuPool);
              ioPool.execute(() -> waitUntilShutDown(cpuPool, "io", started, finished));
              cpuPool.execute(() -> waitUntilShutDown(ioPool, "cpu", started, finished));
              assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            });

    assertThat(finished).containsExactlyInAnyOrder("io", "cpu");
    assertThat(requireNonNull(io.get()).isTerminated()).isTrue();
    assertThat(requireNonNull(cpu.get()).isTerminated()).isTrue();
    assertThat(output).doesNotContain("did not finish its work");
  }

  private static void waitUntilShutDown(
      ThreadPool other, String name, CountDownLatch started, List<String> finished) {
    started.countDown();
    try {
      await().atMost(Duration.ofSeconds(8)).until(other::isShutdown);
      finished.add(name);
    } catch (org.awaitility.core.ConditionTimeoutException sequential) {
      // the other pool was not shut down meanwhile: not recorded as finished
    }
  }

  @Test
  void contextWhenClosedShouldLetQueuedWorkFinishWithinThePeriod(CapturedOutput output) {
    AtomicReference<ThreadPool> pool = new AtomicReference<>();
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    runner
        .withPropertyValues(
            "threadpool.workers=1",
            "threadpool.thread-name-prefix=drain-",
            "threadpool.shutdown.await-termination-period=20s")
        .run(
            context -> {
              ThreadPool threadPool = context.getBean(ThreadPool.class);
              pool.set(threadPool);
              threadPool.execute(
                  () -> {
                    try {
                      release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    ran.add("first");
                  });
              for (int i = 0; i < 5; i++) {
                String name = "queued-" + i;
                threadPool.execute(() -> ran.add(name));
              }
              release.countDown();
            });

    assertThat(ran).hasSize(6).startsWith("first");
    assertThat(requireNonNull(pool.get()).isTerminated()).isTrue();
    assertThat(requireNonNull(pool.get()).stats().completed()).isEqualTo(6);
    assertThat(workerThreads("drain-default-")).isEmpty();
    assertThat(output).doesNotContain("did not finish its work");
  }

  @Test
  void contextWhenClosedShouldRunWorkQueuedInAPoolWithoutWorkers(CapturedOutput output) {
    // shutting down a pool runs what is queued: a pool without workers starts one for it
    runner
        .withPropertyValues("threadpool.workers=0")
        .run(
            context ->
                context.getBean(ThreadPool.class).putRequest(WorkRequest.of(() -> "queued")));

    assertThat(output).contains("stops with 1 results nobody polled").doesNotContain("dropped");
  }

  @Test
  void contextWhenPausedAndRestartedShouldKeepThePoolRunning() {
    runner.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          context.pause();
          assertThat(pool.isShutdown()).isFalse();
          context.restart();
          assertThat(pool.submit(() -> "still running").get(5, TimeUnit.SECONDS))
              .isEqualTo("still running");
        });
  }

  @Test
  void contextWhenRefreshFailsShouldStillStopThePool() {
    runner
        .withPropertyValues("threadpool.thread-name-prefix=failed-")
        .withUserConfiguration(FailingConfiguration.class)
        .run(context -> assertThat(context).hasFailed());

    ThreadPool pool = requireNonNull(FailingConfiguration.seen.get(), "pool not created");
    assertThat(pool.isShutdown()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(workerThreads("failed-default-")).isEmpty());
  }

  @Test
  void phaseWhenComparedWithBootsWebServerPhasesShouldStopAfterThem() {
    ThreadPoolLifecycle lifecycle =
        new ThreadPoolLifecycle(ThreadPool.builder().build(), Duration.ZERO);
    try {
      assertThat(lifecycle.getPhase())
          .isLessThan(SmartLifecycle.DEFAULT_PHASE - 1024) // web server graceful shutdown
          .isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048); // web server stop
      assertThat(lifecycle.isAutoStartup()).isTrue();
      lifecycle.start();
      assertThat(lifecycle.isRunning()).isTrue();
    } finally {
      lifecycle.stop();
    }
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void stopWhenCalledTwiceShouldLogOnce(CapturedOutput output) {
    ThreadPool pool = ThreadPool.builder().name("twice").build();
    // runs on the worker that shutdown starts for queued work, until the stop interrupts it
    pool.putRequest(WorkRequest.of(() -> new CountDownLatch(1).await(1, TimeUnit.MINUTES)));
    ThreadPoolLifecycle lifecycle = new ThreadPoolLifecycle(pool, Duration.ZERO);

    lifecycle.stop();
    lifecycle.destroy();

    assertThat(pool.isTerminated()).isTrue();
    assertThat(output.getOut().split("Thread pool 'twice' did not finish", -1)).hasSize(2);
  }

  @Test
  void stopWhenATaskIgnoresInterruptsShouldReportTheWorkerStillBusy(CapturedOutput output)
      throws InterruptedException {
    ThreadPool pool = ThreadPool.builder().name("stubborn").workers(1).build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          boolean done = false;
          while (!done) {
            try {
              done = release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
              // this task ignores interrupts on purpose
            }
          }
        });
    try {
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      new ThreadPoolLifecycle(pool, Duration.ZERO, Duration.ofMillis(100)).stop();

      assertThat(pool.isTerminated()).isFalse();
      assertThat(output)
          .contains("1 running were interrupted")
          .contains("Thread pool 'stubborn': 1 workers still busy PT0.1S after being stopped");
    } finally {
      release.countDown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void stopWhenTheClosingThreadIsInterruptedShouldStillStopThePoolAndKeepTheFlag() {
    ThreadPool pool = ThreadPool.builder().name("interrupted").workers(1).build();
    CountDownLatch never = new CountDownLatch(1);
    pool.execute(
        () -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Thread.currentThread().interrupt();
    try {
      new ThreadPoolLifecycle(pool, Duration.ofSeconds(20)).stop();

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pool.isTerminated()).isTrue());
  }

  @Test
  void constructorWhenPeriodIsNegativeShouldRefuseIt() {
    try (ThreadPool pool = ThreadPool.builder().build()) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new ThreadPoolLifecycle(pool, Duration.ofSeconds(-1)))
          .withMessage("awaitTerminationPeriod must be >= 0, was PT-1S");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class FailingConfiguration {

    static final AtomicReference<ThreadPool> seen = new AtomicReference<>();

    @Bean
    Object failing(ThreadPool threadPool) {
      seen.set(threadPool);
      throw new IllegalStateException("refresh fails after the pool was created");
    }
  }
}
