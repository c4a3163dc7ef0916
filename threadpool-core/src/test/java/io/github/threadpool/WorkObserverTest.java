package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The observer's view of each request and task. */
@Timeout(60)
class WorkObserverTest extends PoolTestSupport {

  /** Records each call with the ticket's phase and the calling thread. */
  private static final class RecordingObserver implements WorkObserver {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<WorkTicket> tickets = new CopyOnWriteArrayList<>();

    @Override
    public void queued(ThreadPool pool, WorkTicket ticket) {
      tickets.add(ticket);
      calls.add("queued " + ticket.requestId());
    }

    @Override
    public void started(ThreadPool pool, WorkTicket ticket) {
      calls.add("started " + ticket.requestId() + " " + ticket.phase());
    }

    @Override
    public void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {
      calls.add("finished " + ticket.requestId() + " " + ticket.phase() + " failed=" + failed);
    }

    @Override
    public void delivering(ThreadPool pool, WorkTicket ticket) {
      calls.add("delivering " + ticket.requestId() + " on " + Thread.currentThread().getName());
    }

    @Override
    public void removed(ThreadPool pool, WorkTicket ticket) {
      calls.add("removed " + ticket.requestId() + " " + ticket.phase());
    }
  }

  @Test
  void observer_seesARequestQueuedStartedFinishedAndDeliveredWithOrderedTimes() {
    RecordingObserver observer = new RecordingObserver();
    ThreadPool pool = track(ThreadPool.builder().observer(observer).build());
    pool.putRequest(WorkRequest.builder(() -> "v").requestId("r1").build());
    pool.putRequest(
        WorkRequest.builder(
                () -> {
                  throw new IllegalStateException("boom");
                })
            .requestId("r2")
            .exceptionCallback(null)
            .build());
    pool.createWorkers(1);
    pool.waitForAll();

    String poller = Thread.currentThread().getName();
    assertThat(observer.calls)
        .containsSubsequence("queued r1", "started r1 RUNNING", "finished r1 FINISHED failed=false")
        .containsSubsequence("finished r1 FINISHED failed=false", "delivering r1 on " + poller)
        .containsSubsequence("started r2 RUNNING", "finished r2 FINISHED failed=true")
        .contains("delivering r2 on " + poller);
    WorkTicket ticket = observer.tickets.get(0);
    assertThat(ticket.acceptedNanos()).isLessThanOrEqualTo(ticket.startedNanos());
    assertThat(ticket.startedNanos()).isLessThanOrEqualTo(ticket.finishedNanos());
    assertThat(ticket.worker()).extracting(Thread::getName).asString().startsWith("threadpool-");
  }

  @Test
  void observer_seesTasksWithoutDeliveryAndRemovedWorkOnShutdownNow() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    ThreadPool pool = track(ThreadPool.builder().observer(observer).build());
    pool.execute(() -> {});
    pool.putRequest(WorkRequest.builder(() -> "v").requestId("queued-forever").build());

    assertThat(pool.shutdownNow()).hasSize(2);

    assertThat(observer.calls)
        .containsExactly(
            "queued null",
            "queued queued-forever",
            "removed null REMOVED",
            "removed queued-forever REMOVED");
  }

  @Test
  void observer_thatThrowsEverywhere_changesNothingInThePool() throws Exception {
    WorkObserver hostile =
        new WorkObserver() {
          @Override
          public void queued(ThreadPool pool, WorkTicket ticket) {
            throw new AssertionError("queued");
          }

          @Override
          public void started(ThreadPool pool, WorkTicket ticket) {
            throw new IllegalStateException("started");
          }

          @Override
          public void finished(ThreadPool pool, WorkTicket ticket, boolean failed) {
            throw new IllegalStateException("finished");
          }

          @Override
          public void delivering(ThreadPool pool, WorkTicket ticket) {
            throw new IllegalStateException("delivering");
          }
        };
    ThreadPool pool = track(ThreadPool.builder().workers(2).observer(hostile).build());
    List<Object> delivered = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 10; i++) {
      pool.putRequest(WorkRequest.of(() -> "v", (r, v) -> delivered.add(v)));
    }
    CountDownLatch taskRan = new CountDownLatch(1);
    pool.execute(taskRan::countDown);
    pool.waitForAll();
    awaitLatch(taskRan);

    assertThat(delivered).hasSize(10);
    await().atMost(PATIENCE).until(() -> pool.stats().completed() == 11);
    assertThat(pool.workerCount()).isEqualTo(2);
    pool.shutdown();
    assertThat(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }
}
