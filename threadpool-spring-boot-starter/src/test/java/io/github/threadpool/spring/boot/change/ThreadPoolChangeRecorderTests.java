package io.github.threadpool.spring.boot.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import io.github.threadpool.ThreadPool;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolChangeRecorderTests {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final List<ThreadPoolChangedEvent> events = new CopyOnWriteArrayList<>();

  private final ThreadPoolChangeRecorder recorder =
      new ThreadPoolChangeRecorder(
          event -> events.add((ThreadPoolChangedEvent) event), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void changeWhenItThrowsShouldLeaveLaterApiChangesAttributedToTheApi() {
    try (ThreadPool pool = recorder.build(ThreadPool.builder().name("built").workers(1))) {
      assertThatIllegalStateException()
          .isThrownBy(
              () ->
                  recorder.change(
                      pool,
                      "endpoint",
                      "operator",
                      () -> {
                        pool.resize(2);
                        throw new IllegalStateException("after the change");
                      }));
      pool.resize(3);

      assertThat(events)
          .extracting(
              event -> event.getChange().currentWorkers(),
              event -> event.getChange().source(),
              event -> event.getChange().principal(),
              event -> event.getChange().time())
          .containsExactly(tuple(2, "endpoint", "operator", NOW), tuple(3, "api", null, NOW));
      assertThat(recorder.lastChange(pool))
          .hasValueSatisfying(last -> assertThat(last.currentWorkers()).isEqualTo(3));
    }
  }

  @Test
  void queueCapacityChangesShouldBeRecordedWithTheirSource() {
    try (ThreadPool pool = recorder.build(ThreadPool.builder().name("built").workers(1))) {
      pool.setRequestQueueCapacity(5);
      recorder.change(pool, "endpoint", "operator", () -> pool.setRequestQueueCapacity(0));
      pool.setRequestQueueCapacity(0); // no change: nothing recorded

      assertThat(events)
          .extracting(
              event -> event.getChange().previousRequestQueueCapacity(),
              event -> event.getChange().currentRequestQueueCapacity(),
              event -> event.getChange().source(),
              event -> event.getChange().principal())
          .containsExactly(tuple(0, 5, "api", null), tuple(5, 0, "endpoint", "operator"));
    }
  }

  @Test
  void reconfigureShouldRecordWorkersAndSettingsAsOneChange() {
    try (ThreadPool pool = recorder.build(ThreadPool.builder().name("built").workers(1))) {
      List<ThreadPoolChange.SettingChange> settings =
          List.of(
              new ThreadPoolChange.SettingChange("workers", "1", "3"),
              new ThreadPoolChange.SettingChange("request-queue-capacity", "0", "7"));

      recorder.reconfigure(
          pool,
          "config",
          settings,
          List.of("threadpool.daemon"),
          () -> {
            pool.setRequestQueueCapacity(7);
            pool.resize(2);
            pool.resize(3);
          });

      assertThat(events).hasSize(1);
      ThreadPoolChange change = events.get(0).getChange();
      assertThat(change.previousWorkers()).isEqualTo(1);
      assertThat(change.currentWorkers()).isEqualTo(3);
      assertThat(change.source()).isEqualTo("config");
      assertThat(change.settings()).isEqualTo(settings);
      assertThat(change.restartRequired()).containsExactly("threadpool.daemon");
      assertThat(change.previousRequestQueueCapacity()).isZero();
      assertThat(change.currentRequestQueueCapacity()).isEqualTo(7);
      assertThat(recorder.lastChange(pool)).contains(change);
    }
  }

  @Test
  void refuseShouldRecordTheReasonAndTheUnchangedWorkers() {
    try (ThreadPool pool = recorder.build(ThreadPool.builder().name("built").workers(2))) {
      ThreadPoolChange refused = recorder.refuse(pool, "config", "threadpool.workers must be …");

      assertThat(refused.refused()).isEqualTo("threadpool.workers must be …");
      assertThat(refused.previousWorkers()).isEqualTo(2);
      assertThat(refused.currentWorkers()).isEqualTo(2);
      assertThat(events).extracting(ThreadPoolChangedEvent::getChange).containsExactly(refused);
    }
  }

  @Test
  void changeOfAPoolNotBuiltHereShouldBeRecordedOnceFromTheCountsBeforeAndAfter() {
    try (ThreadPool pool = ThreadPool.builder().name("foreign").workers(2).build()) {
      recorder.change(pool, "endpoint", null, () -> pool.dismissWorkers(1, true));
      pool.resize(4); // not observed: not recorded

      assertThat(events)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getPool()).isSameAs(pool);
                assertThat(event.getChange())
                    .isEqualTo(new ThreadPoolChange("foreign", 2, 1, "endpoint", null, NOW));
              });
    }
  }

  @Test
  void changeWhenThePoolIsShutDownShouldThrowAndRecordNothing() {
    try (ThreadPool pool = recorder.build(ThreadPool.builder().name("closed").workers(1))) {
      pool.shutdown();

      assertThatIllegalStateException()
          .isThrownBy(() -> recorder.change(pool, "endpoint", "operator", () -> pool.resize(3)));

      assertThat(events).isEmpty();
      assertThat(recorder.lastChange(pool)).isEmpty();
    }
  }
}
