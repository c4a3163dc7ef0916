package io.github.threadpool.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.threadpool.ThreadPool;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadPoolEndpointTests {

  private final ThreadPool pool = ThreadPool.builder().name("main").workers(2).build();
  private final ThreadPool other = ThreadPool.builder().name("other").build();
  private final ThreadPoolEndpoint endpoint =
      new ThreadPoolEndpoint(() -> List.of(pool, other).stream(), p -> 4);

  @AfterEach
  void closePools() {
    pool.shutdownNow();
    other.shutdownNow();
  }

  @Test
  void poolsWhenReadShouldDescribeEveryPoolByName() {
    ThreadPoolsDescriptor descriptor = endpoint.pools();

    assertThat(descriptor.pools()).containsOnlyKeys("main", "other");
    ThreadPoolDescriptor main = Objects.requireNonNull(descriptor.pools().get("main"));
    assertThat(main.name()).isEqualTo("main");
    assertThat(main.workers()).isEqualTo(2);
    assertThat(main.maxWorkers()).isEqualTo(4);
  }

  @Test
  void poolWhenNameIsUnknownShouldAnswerNull() {
    assertThat(endpoint.pool("missing")).isNull();
  }

  @Test
  void changesWhenNameIsUnknownShouldBeRefusedWithAMessage() {
    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.resize("missing", "1", null))
        .withMessage("no thread pool named 'missing'");
    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.dismiss("missing", "1", null, null))
        .withMessage("no thread pool named 'missing'");
  }

  @Test
  void changesWhenTheUnknownNameIsLongShouldQuoteOnlyItsStart() {
    String name = "p".repeat(5_000);

    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.resize(name, "1", null))
        .withMessage("no thread pool named 'pppppppppppppppppppp...' (5000 characters)");
  }

  @Test
  void resizeWhenInRangeShouldChangeTheWorkerCount() {
    ThreadPoolDescriptor grown = endpoint.resize("main", "4", null);
    assertThat(grown.workers()).isEqualTo(4);

    ThreadPoolDescriptor shrunk = endpoint.resize("main", "0", null);
    assertThat(shrunk.workers()).isZero();
    assertThat(pool.workerCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-1", "5", "abc", "2.5", "", "99999999999", "+4", "\u0664", " 1", "1 ", "0x1"})
  void resizeWhenOutOfRangeOrNotANumberShouldRefuseAndChangeNothing(String workers) {
    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.resize("main", workers, null))
        .withMessage("workers must be a whole number in 0..4, was '" + workers + "'")
        .satisfies(e -> assertThat(e.getReason()).isEqualTo(e.getMessage()));
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @Test
  void resizeWhenPoolIsShutDownShouldRefuseWithAMessage() {
    other.shutdown();

    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.resize("other", "1", null))
        .withMessage("cannot resize pool 'other': it is shut down");
  }

  @Test
  void dismissWhenJoinedShouldLeaveNoDismissedWorker() {
    ThreadPoolDescriptor after = endpoint.dismiss("main", "1", "true", null);

    assertThat(after.workers()).isEqualTo(1);
    assertThat(after.dismissedWorkers()).isZero();
  }

  @Test
  void dismissWhenCountExceedsLiveWorkersShouldDismissAll() {
    ThreadPoolDescriptor after = endpoint.dismiss("main", "4", null, null);

    assertThat(after.workers()).isZero();
  }

  @Test
  void resizeWhenValueIsHugeShouldQuoteOnlyItsBeginning() {
    String huge = "9".repeat(1_000_000);

    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.resize("main", huge, null))
        .withMessage(
            "workers must be a whole number in 0..4, was '99999999999999999999...' (1000000"
                + " characters)");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "TRUE", "", "1"})
  void dismissWhenJoinIsNeitherTrueNorFalseShouldNameItAndChangeNothing(String join) {
    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.dismiss("main", "1", join, null))
        .withMessage("join must be true or false, was '" + join + "'");
    assertThat(pool.workerCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "5", "one", "+1", "\u0661"})
  void dismissWhenCountIsInvalidShouldRefuseAndChangeNothing(String count) {
    assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> endpoint.dismiss("main", count, "false", null))
        .withMessage("count must be a whole number in 0..4, was '" + count + "'");
    assertThat(pool.workerCount()).isEqualTo(2);
  }
}
