package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WorkRequest on its own, makeRequests, and the Arguments value. */
@Timeout(30)
class WorkRequestTest extends PoolTestSupport {

  @Test
  void makeRequests_withSingleArguments_makesOneRequestPerArgumentInOrder() {
    ThreadPool pool = pool(1);
    List<String> delivered = new CopyOnWriteArrayList<>();

    List<WorkRequest<String>> requests =
        WorkRequest.makeRequests(
            (Integer n) -> "#" + n, List.of(1, 2, 3), (r, v) -> delivered.add(v), null);
    for (WorkRequest<String> request : requests) {
      pool.putRequest(request);
    }
    pool.waitForAll();

    assertThat(requests).hasSize(3);
    assertThat(delivered).containsExactly("#1", "#2", "#3");
    assertThat(requests).extracting(WorkRequest::requestId).doesNotHaveDuplicates();
  }

  @Test
  void makeRequests_withArguments_passesPositionalAndKeywordArguments() {
    ThreadPool pool = pool(2);
    List<String> delivered = new CopyOnWriteArrayList<>();

    List<WorkRequest<String>> requests =
        WorkRequest.makeRequests(
            (Arguments a) -> a.get(0) + "-" + a.get(1) + "-" + a.get("suffix"),
            List.of(
                Arguments.of(List.of("a", 1), Map.of("suffix", "x")),
                Arguments.of(List.of("b", 2), Map.of("suffix", "y"))),
            (r, v) -> delivered.add(v));
    requests.forEach(pool::putRequest);
    pool.waitForAll();

    assertThat(delivered).containsExactlyInAnyOrder("a-1-x", "b-2-y");
  }

  @Test
  void makeRequests_withoutCallbacks_dropsResultsAndLogsFailures() {
    ThreadPool pool = pool(1);

    List<WorkRequest<Integer>> requests =
        WorkRequest.makeRequests((Integer n) -> 10 / n, Arrays.asList(5, 2));
    requests.forEach(pool::putRequest);
    pool.waitForAll();

    assertThat(requests).noneMatch(WorkRequest::isException);
    assertThat(pool.stats().completed()).isEqualTo(2);
  }

  @Test
  void makeRequests_withExceptionCallback_receivesFailuresOfEachArgument() {
    ThreadPool pool = pool(2);
    List<Object> failedIds = new CopyOnWriteArrayList<>();
    List<Integer> results = new CopyOnWriteArrayList<>();

    List<WorkRequest<Integer>> requests =
        WorkRequest.makeRequests(
            (Integer n) -> 10 / n,
            Arrays.asList(5, 0, 2, 0),
            (r, v) -> results.add(v),
            (r, e) -> {
              assertThat(e).isInstanceOf(ArithmeticException.class);
              failedIds.add(r.requestId());
            });
    requests.forEach(pool::putRequest);
    pool.waitForAll();

    assertThat(results).containsExactlyInAnyOrder(2, 5);
    assertThat(failedIds)
        .containsExactlyInAnyOrder(requests.get(1).requestId(), requests.get(3).requestId());
    assertThat(requests.get(1).isException()).isTrue();
    assertThat(requests.get(0).isException()).isFalse();
  }

  @Test
  void makeRequests_passesNullElementsAsNull() {
    List<String> arguments = new ArrayList<>();
    arguments.add(null);
    AtomicReference<String> seen = new AtomicReference<>("unset");

    List<WorkRequest<String>> requests =
        WorkRequest.makeRequests((String s) -> String.valueOf(s), arguments, (r, v) -> seen.set(v));
    requests.get(0).run();

    assertThat(seen.get()).isEqualTo("null");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose to check the preconditions
  void makeRequests_withNulls_throwsNpeNamingTheParameter() {
    assertThatThrownBy(() -> WorkRequest.makeRequests(null, List.of(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task");
    assertThatThrownBy(() -> WorkRequest.makeRequests((Integer n) -> n, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("arguments");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose to check the preconditions
  void builder_withNulls_throwsNpeNamingTheParameter() {
    assertThatThrownBy(() -> WorkRequest.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task");
    assertThatThrownBy(() -> WorkRequest.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task");
    assertThatThrownBy(() -> WorkRequest.of(() -> 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callback");
    assertThatThrownBy(() -> WorkRequest.builder(() -> 1).requestId(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("requestId");
  }

  @Test
  void run_runsTaskAndCallbackOnTheCallerOnce() {
    AtomicReference<Thread> callbackThread = new AtomicReference<>();
    WorkRequest<Integer> request =
        WorkRequest.of(() -> 3, (r, v) -> callbackThread.set(Thread.currentThread()));

    request.run();

    assertThat(callbackThread.get()).isSameAs(Thread.currentThread());
    assertThatThrownBy(request::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot run");
    assertThatThrownBy(() -> pool(1).putRequest(request)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void run_whileQueuedInAPool_throwsIllegalState() {
    ThreadPool pool = pool(0);
    WorkRequest<Integer> request = WorkRequest.of(() -> 3);
    pool.putRequest(request);

    assertThatThrownBy(request::run).isInstanceOf(IllegalStateException.class);
    assertThat(request.toString()).contains("queued");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose to check the preconditions
  void arguments_areImmutableCopiesAndRefuseNulls() {
    List<Object> positional = new ArrayList<>(List.of("a"));
    Arguments arguments = Arguments.of(positional, Map.of("k", 1));
    positional.add("b");

    assertThat(arguments.positional()).containsExactly("a");
    assertThat(arguments.get(0)).isEqualTo("a");
    assertThat(arguments.get("k")).isEqualTo(1);
    assertThatThrownBy(() -> arguments.positional().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> arguments.get("missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> arguments.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Arguments.of(null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("positional");
    assertThatThrownBy(() -> Arguments.of(List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("keywords");
    assertThatThrownBy(() -> Arguments.of(Arrays.asList("a", null), Map.of()))
        .isInstanceOf(NullPointerException.class);
    assertThat(arguments).isEqualTo(Arguments.of(List.of("a"), Map.of("k", 1)));
  }
}
