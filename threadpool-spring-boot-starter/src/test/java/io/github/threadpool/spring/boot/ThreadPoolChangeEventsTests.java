package io.github.threadpool.spring.boot;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.threadpool.ThreadPool;
import io.github.threadpool.spring.boot.actuate.ThreadPoolAuditListener;
import io.github.threadpool.spring.boot.actuate.ThreadPoolDescriptor;
import io.github.threadpool.spring.boot.actuate.ThreadPoolEndpoint;
import io.github.threadpool.spring.boot.change.ThreadPoolChange;
import io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolChangeEventsTests {

  private static final Principal OPERATOR = () -> "operator";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ThreadPoolAutoConfiguration.class,
                  ThreadPoolEndpointAutoConfiguration.class,
                  ThreadPoolAuditAutoConfiguration.class,
                  AuditAutoConfiguration.class))
          .withPropertyValues(
              "management.endpoints.web.exposure.include=threadpool",
              "threadpool.workers=2",
              "threadpool.pools.io.workers=3",
              "threadpool.pools.io.max-workers=8")
          .withBean(Events.class);

  @Test
  void resizeThroughTheEndpointShouldPublishOneEventWithSourceAndPrincipal() {
    runner.run(
        context -> {
          Instant before = Instant.now();
          context.getBean(ThreadPoolEndpoint.class).resize("io", "5", OPERATOR);

          List<ThreadPoolChangedEvent> events = context.getBean(Events.class).events;
          assertThat(events).hasSize(1);
          ThreadPoolChangedEvent event = events.get(0);
          assertThat(event.getPool()).isSameAs(context.getBean("ioThreadPool"));
          ThreadPoolChange change = event.getChange();
          assertThat(change.pool()).isEqualTo("io");
          assertThat(change.previousWorkers()).isEqualTo(3);
          assertThat(change.currentWorkers()).isEqualTo(5);
          assertThat(change.source()).isEqualTo("endpoint");
          assertThat(change.principal()).isEqualTo("operator");
          assertThat(change.time()).isBetween(before, Instant.now());
        });
  }

  @Test
  void queueCapacityChangeThroughTheEndpointShouldPublishOneEventWithSourceAndPrincipal() {
    runner.run(
        context -> {
          ThreadPoolDescriptor after =
              context.getBean(ThreadPoolEndpoint.class).change("io", null, "16", OPERATOR);

          assertThat(after.queueCapacity()).isEqualTo(16);
          List<ThreadPoolChangedEvent> events = context.getBean(Events.class).events;
          assertThat(events).hasSize(1);
          ThreadPoolChange change = events.get(0).getChange();
          assertThat(change.previousRequestQueueCapacity()).isZero();
          assertThat(change.currentRequestQueueCapacity()).isEqualTo(16);
          assertThat(change.previousWorkers()).isEqualTo(3);
          assertThat(change.currentWorkers()).isEqualTo(3);
          assertThat(change.source()).isEqualTo("endpoint");
          assertThat(change.principal()).isEqualTo("operator");
          assertThat(after.lastChange()).isEqualTo(change);
        });
  }

  @Test
  void workersAndQueueCapacityChangedTogetherShouldPublishOneEventForEach() {
    runner.run(
        context -> {
          context.getBean(ThreadPoolEndpoint.class).change("io", "4", "8", OPERATOR);

          assertThat(context.getBean(Events.class).events)
              .extracting(ThreadPoolChangedEvent::getChange)
              .extracting(
                  ThreadPoolChange::currentWorkers, ThreadPoolChange::currentRequestQueueCapacity)
              .containsExactly(tuple(4, null), tuple(4, 8));
        });
  }

  @Test
  void changeWhenOneValueIsInvalidShouldChangeNothingAndPublishNothing() {
    runner.run(
        context -> {
          ThreadPoolEndpoint endpoint = context.getBean(ThreadPoolEndpoint.class);
          ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);

          assertThatExceptionOfType(InvalidEndpointRequestException.class)
              .isThrownBy(() -> endpoint.change("io", "4", "-1", OPERATOR))
              .withMessage("requestQueueCapacity must be a whole number >= 0, was '-1'");
          assertThatExceptionOfType(InvalidEndpointRequestException.class)
              .isThrownBy(() -> endpoint.change("io", "4", "lots", OPERATOR))
              .withMessage("requestQueueCapacity must be a whole number >= 0, was 'lots'");
          assertThatExceptionOfType(InvalidEndpointRequestException.class)
              .isThrownBy(() -> endpoint.change("io", null, null, OPERATOR))
              .withMessage("workers or requestQueueCapacity must be given");
          assertThat(io.workerCount()).isEqualTo(3);
          assertThat(io.requestQueueCapacity()).isZero();
          assertThat(context.getBean(Events.class).events).isEmpty();
        });
  }

  @Test
  void dismissThroughTheEndpointWithoutPrincipalShouldPublishAnEventWithoutOne() {
    runner.run(
        context -> {
          context.getBean(ThreadPoolEndpoint.class).dismiss("default", "1", "true", null);

          assertThat(context.getBean(Events.class).events)
              .singleElement()
              .extracting(ThreadPoolChangedEvent::getChange)
              .satisfies(
                  change -> {
                    assertThat(change.pool()).isEqualTo("default");
                    assertThat(change.previousWorkers()).isEqualTo(2);
                    assertThat(change.currentWorkers()).isEqualTo(1);
                    assertThat(change.principal()).isNull();
                  });
        });
  }

  @Test
  void changesThroughThePoolsApiShouldPublishOneEventEachWithSourceApi() {
    runner.run(
        context -> {
          ThreadPool io = context.getBean("ioThreadPool", ThreadPool.class);

          io.resize(5);
          io.dismissWorkers(1, true);
          io.createWorkers(2);
          io.resize(6);

          List<ThreadPoolChange> changes =
              context.getBean(Events.class).events.stream()
                  .map(ThreadPoolChangedEvent::getChange)
                  .toList();
          assertThat(changes)
              .extracting(
                  ThreadPoolChange::previousWorkers,
                  ThreadPoolChange::currentWorkers,
                  ThreadPoolChange::source,
                  ThreadPoolChange::principal)
              .containsExactly(
                  tuple(3, 5, "api", null), tuple(5, 4, "api", null), tuple(4, 6, "api", null));
          assertThat(
                  requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("io")).lastChange())
              .isEqualTo(changes.get(2));
        });
  }

  @Test
  void changeThroughTheEndpointAfterOneThroughTheApiShouldKeepEachItsOwnSource() {
    runner.run(
        context -> {
          ThreadPool pool = context.getBean(ThreadPool.class);
          pool.resize(3);
          context.getBean(ThreadPoolEndpoint.class).resize("default", "4", OPERATOR);
          pool.resize(1);

          assertThat(context.getBean(Events.class).events)
              .extracting(
                  event -> event.getChange().source(), event -> event.getChange().principal())
              .containsExactly(
                  tuple("api", null), tuple("endpoint", "operator"), tuple("api", null));
        });
  }

  @Test
  void resizeToTheSameSizeShouldPublishNothing() {
    runner.run(
        context -> {
          context.getBean(ThreadPoolEndpoint.class).resize("io", "3", OPERATOR);

          assertThat(context.getBean(Events.class).events).isEmpty();
          assertThat(
                  requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("io")).lastChange())
              .isNull();
        });
  }

  @Test
  void readAfterAChangeShouldShowConfiguredAndEffectiveSizeAndTheLastChange() {
    runner.run(
        context -> {
          ThreadPoolEndpoint endpoint = context.getBean(ThreadPoolEndpoint.class);
          endpoint.resize("io", "6", OPERATOR);
          endpoint.resize("io", "4", () -> "second");

          ThreadPoolDescriptor io = requireNonNull(endpoint.pool("io"));

          assertThat(io.configuredWorkers()).isEqualTo(3);
          assertThat(io.workers()).isEqualTo(4);
          ThreadPoolChange last = requireNonNull(io.lastChange());
          assertThat(last.previousWorkers()).isEqualTo(6);
          assertThat(last.currentWorkers()).isEqualTo(4);
          assertThat(last.principal()).isEqualTo("second");
          assertThat(requireNonNull(endpoint.pool("default")).lastChange()).isNull();
        });
  }

  @Test
  void changeWhenAnAuditEventRepositoryExistsShouldBeAudited() {
    runner
        .withBean(InMemoryAuditEventRepository.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ThreadPoolAuditListener.class);
              context.getBean(ThreadPoolEndpoint.class).resize("io", "7", OPERATOR);

              List<AuditEvent> audited =
                  context
                      .getBean(AuditEventRepository.class)
                      .find("operator", null, ThreadPoolAuditListener.TYPE);
              assertThat(audited).hasSize(1);
              assertThat(audited.get(0).getData())
                  .containsEntry("pool", "io")
                  .containsEntry("previousWorkers", 3)
                  .containsEntry("currentWorkers", 7)
                  .containsEntry("source", "endpoint");
            });
  }

  @Test
  void changeWhenNoAuditEventRepositoryExistsShouldNotBeAudited() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(ThreadPoolAuditListener.class);
          context.getBean(ThreadPoolEndpoint.class).resize("io", "7", OPERATOR);
          assertThat(context.getBean(Events.class).events).hasSize(1);
        });
  }

  @Test
  void poolOfTheApplicationWhenChangedThroughTheEndpointShouldPublishAnEvent() {
    runner
        .withBean(
            "myPool", ThreadPool.class, () -> ThreadPool.builder().name("mine").workers(1).build())
        .run(
            context -> {
              context.getBean(ThreadPoolEndpoint.class).resize("mine", "2", OPERATOR);

              assertThat(context.getBean(Events.class).events)
                  .singleElement()
                  .extracting(ThreadPoolChangedEvent::getChange)
                  .satisfies(
                      change -> {
                        assertThat(change.pool()).isEqualTo("mine");
                        assertThat(change.previousWorkers()).isEqualTo(1);
                        assertThat(change.currentWorkers()).isEqualTo(2);
                      });
              assertThat(
                      requireNonNull(context.getBean(ThreadPoolEndpoint.class).pool("mine"))
                          .configuredWorkers())
                  .isNull();
              context.getBean("myPool", ThreadPool.class).shutdownNow();
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
