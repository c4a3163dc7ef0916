package io.github.threadpool.spring.boot.cloud;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.ThreadPoolAuditAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolEndpointAutoConfiguration;
import io.github.threadpool.spring.boot.ThreadPoolReconfigurer;
import io.github.threadpool.spring.boot.actuate.ThreadPoolAuditListener;
import io.github.threadpool.spring.boot.actuate.ThreadPoolDescriptor;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChange.SettingChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetector;
import io.github.threadpool.spring.boot.slowwork.SlowWorkDetectors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * The listener's auto-configuration, and what an {@link EnvironmentChangeEvent} does to the pools.
 * The environment is changed through a property source of the test's own; the events are published
 * as Spring Cloud's {@code ContextRefresher} publishes them (see ThreadPoolContextRefresherTests
 * for the refresher itself).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class ThreadPoolRefreshAutoConfigurationTests {

  private final Map<String, Object> configuration = new LinkedHashMap<>();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolEndpointAutoConfiguration.class,
                  ThreadPoolAuditAutoConfiguration.class,
                  AuditAutoConfiguration.class,
                  ThreadPoolRefreshAutoConfiguration.class))
          .withInitializer(
              context ->
                  context
                      .getEnvironment()
                      .getPropertySources()
                      .addFirst(new MapPropertySource("live", configuration)))
          .withPropertyValues("management.endpoints.web.exposure.include=threadpool")
          .withBean(Events.class);

  private ApplicationContextRunner configured(String... keyValues) {
    for (String keyValue : keyValues) {
      int equals = keyValue.indexOf('=');
      configuration.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
    }
    return runner;
  }

  /** Changes the configuration and publishes the event, as ContextRefresher does. */
  private void change(AssertableApplicationContext context, String... keyValues) {
    configured(keyValues);
    Set<String> keys = new LinkedHashSet<>();
    for (String keyValue : keyValues) {
      keys.add(keyValue.substring(0, keyValue.indexOf('=')));
    }
    ApplicationContext source = context.getSourceApplicationContext();
    source.publishEvent(new EnvironmentChangeEvent(source, keys));
  }

  private static ThreadPoolDescriptor describe(ApplicationContext context, String pool) {
    return requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool(pool));
  }

  private static List<ThreadPoolChange> changes(ApplicationContext context) {
    return context.getBean(Events.class).events.stream()
        .map(ThreadPoolChangedEvent::getChange)
        .toList();
  }

  @Test
  void withSpringCloudContextShouldRegisterTheListener() {
    runner.run(
        context -> assertThat(context).hasSingleBean(ThreadPoolEnvironmentChangeListener.class));
  }

  @Test
  void withoutSpringCloudContextShouldNotRegisterTheListener() {
    runner
        .withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ThreadPoolEnvironmentChangeListener.class);
              assertThat(context).hasSingleBean(ThreadPoolReconfigurer.class);
            });
  }

  @Test
  void workersChangeShouldResizeThePoolAndRecordItWithSourceConfig() {
    configured("threadpool.workers=2")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);

              change(context, "threadpool.workers=5");

              assertThat(pool.workerCount()).isEqualTo(5);
              ThreadPoolChange change = changes(context).get(0);
              assertThat(changes(context)).hasSize(1);
              assertThat(change.pool()).isEqualTo("default");
              assertThat(change.source()).isEqualTo("config");
              assertThat(change.principal()).isNull();
              assertThat(change.previousWorkers()).isEqualTo(2);
              assertThat(change.currentWorkers()).isEqualTo(5);
              assertThat(change.settings()).containsExactly(new SettingChange("workers", "2", "5"));
              assertThat(change.restartRequired()).isEmpty();
              assertThat(change.refused()).isNull();
              ThreadPoolDescriptor descriptor = describe(context, "default");
              assertThat(descriptor.configuredWorkers()).isEqualTo(5);
              assertThat(descriptor.lastChange()).isEqualTo(change);
            });
  }

  @Test
  void appliedChangeShouldBeAudited() {
    configured("threadpool.workers=2")
        .withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
        .run(
            context -> {
              change(context, "threadpool.workers=3", "threadpool.max-workers=10");

              List<AuditEvent> audited =
                  context.getBean(AuditEventRepository.class).find(null, null, null);
              assertThat(audited)
                  .singleElement()
                  .satisfies(
                      event -> {
                        assertThat(event.getType()).isEqualTo(ThreadPoolAuditListener.TYPE);
                        assertThat(event.getData())
                            .containsEntry("source", "config")
                            .containsEntry("previousWorkers", 2)
                            .containsEntry("currentWorkers", 3)
                            .containsEntry(
                                "settings",
                                List.of(
                                    Map.of(
                                        "name", "max-workers", "previous", "64", "current", "10"),
                                    Map.of("name", "workers", "previous", "2", "current", "3")));
                      });
            });
  }

  @Test
  void eventWithoutThreadpoolKeysShouldChangeNothing() {
    configured("threadpool.workers=2")
        .run(
            context -> {
              configured("threadpool.workers=4");
              context.publishEvent(
                  new EnvironmentChangeEvent(
                      context.getSourceApplicationContext(), Set.of("app.greeting")));

              assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(2);
              assertThat(changes(context)).isEmpty();
            });
  }

  @Test
  void eventOfAnotherContextShouldChangeNothing() {
    configured("threadpool.workers=2")
        .run(
            context -> {
              configured("threadpool.workers=4");
              context.publishEvent(
                  new EnvironmentChangeEvent(new Object(), Set.of("threadpool.workers")));

              assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(2);
              assertThat(changes(context)).isEmpty();
            });
  }

  @Test
  void maxWorkersChangeShouldBoundTheEndpointAndShrinkALargerPool() {
    configured("threadpool.workers=2", "threadpool.max-workers=8")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              ThreadPoolEndpoint endpoint = context.getBean(ThreadPoolEndpoint.class);
              endpoint.resize("default", "7", null);

              change(context, "threadpool.max-workers=4");

              assertThat(pool.workerCount()).isEqualTo(4);
              assertThat(describe(context, "default").maxWorkers()).isEqualTo(4);
              assertThat(describe(context, "default").configuredWorkers()).isEqualTo(2);
              ThreadPoolChange change = requireNonNull(describe(context, "default").lastChange());
              assertThat(change.settings())
                  .containsExactly(new SettingChange("max-workers", "8", "4"));
              assertThat(change.previousWorkers()).isEqualTo(7);
              assertThat(change.currentWorkers()).isEqualTo(4);
              assertThatThrownBy(() -> endpoint.resize("default", "5", null))
                  .hasMessageContaining("0..4");
            });
  }

  @Test
  void laterConfigurationChangeShouldOverrideAnEarlierManualResize() {
    configured("threadpool.workers=2")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              context.getBean(ThreadPoolEndpoint.class).resize("default", "6", null);
              pool.resize(7);

              change(context, "threadpool.max-workers=32");
              assertThat(pool.workerCount())
                  .as("workers not changed: manual size kept")
                  .isEqualTo(7);

              change(context, "threadpool.workers=3");
              assertThat(pool.workerCount()).isEqualTo(3);

              assertThat(changes(context))
                  .extracting(
                      ThreadPoolChange::source,
                      ThreadPoolChange::previousWorkers,
                      ThreadPoolChange::currentWorkers)
                  .containsExactly(
                      tuple("endpoint", 2, 6),
                      tuple("api", 6, 7),
                      tuple("config", 7, 7),
                      tuple("config", 7, 3));
            });
  }

  @Test
  void namedPoolShouldFollowItsOwnAndInheritedKeys() {
    configured("threadpool.workers=2", "threadpool.pools.io.workers=3")
        .run(
            context -> {
              ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);
              ThreadPool main = context.getBean(ThreadPool.class);

              change(context, "threadpool.pools.io.workers=6", "threadpool.max-workers=16");

              assertThat(io.workerCount()).isEqualTo(6);
              assertThat(main.workerCount()).isEqualTo(2);
              assertThat(describe(context, "io").maxWorkers()).isEqualTo(16);
              assertThat(describe(context, "default").maxWorkers()).isEqualTo(16);
              assertThat(changes(context))
                  .extracting(ThreadPoolChange::pool, ThreadPoolChange::settings)
                  .containsExactly(
                      tuple("default", List.of(new SettingChange("max-workers", "64", "16"))),
                      tuple(
                          "io",
                          List.of(
                              new SettingChange("max-workers", "64", "16"),
                              new SettingChange("workers", "3", "6"))));
            });
  }

  @Test
  void invalidValueShouldChangeNothingAndBeRefused(CapturedOutput output) {
    configured("threadpool.workers=2", "threadpool.pools.io.workers=3")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);

              change(context, "threadpool.workers=4", "threadpool.pools.io.max-workers=2");

              assertThat(pool.workerCount()).isEqualTo(2);
              assertThat(context.getBean("ioThreadPool", ThreadPool.class).workerCount())
                  .isEqualTo(3);
              String reason =
                  "threadpool.pools.io.workers must be 0..2 (0 to threadpool.pools.io.max-workers),"
                      + " was 3";
              assertThat(changes(context))
                  .extracting(
                      ThreadPoolChange::pool,
                      ThreadPoolChange::refused,
                      ThreadPoolChange::currentWorkers)
                  .containsExactly(tuple("default", reason, 2), tuple("io", reason, 3));
              assertThat(describe(context, "default").configuredWorkers()).isEqualTo(2);
              assertThat(describe(context, "io").maxWorkers()).isEqualTo(64);
              assertThat(output).contains("ERROR").contains(reason);

              change(context, "threadpool.pools.io.max-workers=5");
              assertThat(pool.workerCount()).as("a valid configuration applies again").isEqualTo(4);
            });
  }

  @Test
  void refusedChangeShouldBeAuditedAsRefused() {
    configured("threadpool.workers=2")
        .withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
        .run(
            context -> {
              change(context, "threadpool.workers=-1");

              assertThat(context.getBean(AuditEventRepository.class).find(null, null, null))
                  .singleElement()
                  .satisfies(
                      event -> {
                        assertThat(event.getType()).isEqualTo(ThreadPoolAuditListener.REFUSED_TYPE);
                        assertThat(event.getData())
                            .containsEntry(
                                "refused",
                                "threadpool.workers must be 0..64 (0 to threadpool.max-workers),"
                                    + " was -1");
                      });
            });
  }

  @Test
  void unreadableValueShouldBeRefusedNamingKeyAShortPrefixAndTheKind(CapturedOutput output) {
    configured("threadpool.workers=2")
        .run(
            context -> {
              change(context, "threadpool.pools.io.max-workers=" + "many".repeat(20));

              assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(2);
              String refused = requireNonNull(changes(context).get(0).refused());
              assertThat(refused)
                  .startsWith("threadpool.pools.io.max-workers must be a whole number, was '")
                  .contains("manymanymanymanymany…")
                  .doesNotContain("many".repeat(6))
                  .doesNotContain("java.")
                  .doesNotContain("Integer");
              assertThat(output).contains(refused);
            });
  }

  @Test
  void keysThatNeedARestartShouldBeReportedAndNotApplied(CapturedOutput output) {
    configured("threadpool.workers=2", "threadpool.pools.io.workers=1")
        .run(
            context -> {
              ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);

              change(
                  context,
                  "threadpool.daemon=false",
                  "threadpool.pools.io.thread-name-prefix=io-",
                  "threadpool.pools.reports.workers=1",
                  "threadpool.pools.io.result-queue-capacity=10");

              assertThat(changes(context))
                  .extracting(ThreadPoolChange::pool, ThreadPoolChange::restartRequired)
                  .containsExactly(
                      tuple("default", List.of("threadpool.pools.reports", "threadpool.daemon")),
                      tuple(
                          "io",
                          List.of(
                              "threadpool.pools.io.result-queue-capacity",
                              "threadpool.pools.io.thread-name-prefix",
                              "threadpool.pools.io.daemon")));
              assertThat(io.stats().workers()).isEqualTo(1);
              assertThat(changes(context))
                  .allSatisfy(change -> assertThat(change.settings()).isEmpty());
              assertThat(output)
                  .contains("WARN")
                  .contains("threadpool.pools.io.thread-name-prefix")
                  .contains("restarts");
            });
  }

  @Test
  void timeoutChangeShouldRetimeThePoolsSlowWorkDetectorAtOnce() {
    configured("threadpool.workers=1", "threadpool.run-timeout=10s")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              SlowWorkDetector detector =
                  context.getBean(SlowWorkDetectors.class).find(pool).orElseThrow();

              change(
                  context,
                  "threadpool.run-timeout=2s",
                  "threadpool.queue-timeout=500ms",
                  "threadpool.run-timeout-interrupt=true");

              assertThat(detector.runTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(detector.queueTimeout()).isEqualTo(Duration.ofMillis(500));
              assertThat(detector.isInterruptOnRunTimeout()).isTrue();
              assertThat(changes(context))
                  .singleElement()
                  .satisfies(
                      change -> {
                        assertThat(change.source()).isEqualTo("config");
                        assertThat(change.settings())
                            .containsExactly(
                                new SettingChange("queue-timeout", "off", "PT0.5S"),
                                new SettingChange("run-timeout", "PT10S", "PT2S"),
                                new SettingChange("run-timeout-interrupt", "false", "true"));
                        assertThat(change.restartRequired()).isEmpty();
                      });
            });
  }

  @Test
  void requestQueueCapacityChangeShouldApplyAtOnceKeepingQueuedWork() {
    configured("threadpool.workers=0", "threadpool.request-queue-capacity=3")
        .run(
            context -> {
              ThreadPool pool = context.getBean(ThreadPool.class);
              for (int i = 0; i < 3; i++) {
                pool.execute(() -> {});
              }

              change(context, "threadpool.request-queue-capacity=1");

              assertThat(pool.stats().queueCapacity()).isEqualTo(1);
              assertThat(pool.stats().queueDepth()).as("queued work is kept").isEqualTo(3);
              assertThat(describe(context, "default").queueCapacity()).isEqualTo(1);
              assertThat(changes(context))
                  .singleElement()
                  .satisfies(
                      change -> {
                        assertThat(change.source()).isEqualTo("config");
                        assertThat(change.settings())
                            .containsExactly(new SettingChange("request-queue-capacity", "3", "1"));
                      });

              change(context, "threadpool.request-queue-capacity=0", "threadpool.workers=1");
              assertThat(pool.stats().queueCapacity()).isZero();
              await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().completed() == 3);
            });
  }

  @Test
  void listenerThatThrowsShouldNotKeepTheOtherPoolsFromFollowing(CapturedOutput output) {
    configured("threadpool.workers=1", "threadpool.pools.io.max-workers=8")
        .withBean(
            "hostile",
            ApplicationListener.class,
            () ->
                (ApplicationListener<ThreadPoolChangedEvent>)
                    event -> {
                      throw new IllegalStateException("listener failed on " + event.getPool());
                    })
        .run(
            context -> {
              change(context, "threadpool.workers=3");

              assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(3);
              assertThat(context.getBean("ioThreadPool", ThreadPool.class).workerCount())
                  .isEqualTo(3);
              assertThat(describe(context, "io").configuredWorkers()).isEqualTo(3);
              assertThat(output).contains("listener failed on");
            });
  }

  @Test
  void applicationsOwnPoolShouldNotBeReconfigured() {
    configured("threadpool.workers=2")
        .withBean(
            "threadPool",
            ThreadPool.class,
            () -> ThreadPool.builder().name("mine").workers(1).build(),
            definition -> definition.setDestroyMethodName("shutdownNow"))
        .run(
            context -> {
              change(context, "threadpool.workers=4");

              assertThat(context.getBean(ThreadPool.class).workerCount()).isEqualTo(1);
              assertThat(changes(context)).isEmpty();
            });
  }

  static class Events implements ApplicationListener<ThreadPoolChangedEvent> {

    final List<ThreadPoolChangedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(ThreadPoolChangedEvent event) {
      events.add(event);
    }
  }
}
