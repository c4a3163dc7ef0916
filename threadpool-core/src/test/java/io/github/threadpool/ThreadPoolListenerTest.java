package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ThreadPoolListenerTest {

  /** Records every event as text, with the thread it arrived on. */
  static final class RecordingListener implements ThreadPoolListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public void workersChanged(ThreadPool pool, int previousWorkers, int currentWorkers) {
      events.add(pool.name() + ": " + previousWorkers + " -> " + currentWorkers);
      threads.add(Thread.currentThread());
    }

    @Override
    public void terminated(ThreadPool pool) {
      events.add(pool.name() + ": terminated");
      terminated.countDown();
    }
  }

  @Test
  void workersChanged_reportsEachChangingCallOnTheCallingThread() throws InterruptedException {
    RecordingListener listener = new RecordingListener();
    ThreadPool pool = ThreadPool.builder().name("listened").workers(2).listener(listener).build();
    try {
      pool.createWorkers(3);
      pool.dismissWorkers(1);
      pool.resize(2);
      pool.resize(2); // no change, no event
      pool.createWorkers(0);
      pool.dismissWorkers(10, true);
      pool.dismissWorkers(1); // none left to dismiss

      assertThat(listener.events)
          .containsExactly(
              "listened: 2 -> 5", "listened: 5 -> 4", "listened: 4 -> 2", "listened: 2 -> 0");
      assertThat(listener.threads).containsOnly(Thread.currentThread());
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(listener.terminated.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(listener.events)
        .endsWith("listened: terminated")
        .containsOnlyOnce("listened: terminated");
  }

  @Test
  void terminated_isReportedOnceWhenThePoolWithoutWorkersShutsDown() {
    RecordingListener listener = new RecordingListener();
    ThreadPool pool = ThreadPool.builder().listener(listener).build();
    pool.shutdown();
    pool.shutdown();
    pool.close();

    assertThat(listener.events).containsExactly(pool.name() + ": terminated");
  }

  @Test
  void listener_thatThrows_doesNotUndoTheChangeOrReachTheCaller() {
    RecordingListener second = new RecordingListener();
    try (ThreadPool pool =
        ThreadPool.builder()
            .listener(
                new ThreadPoolListener() {
                  @Override
                  public void workersChanged(ThreadPool pool, int previous, int current) {
                    throw new IllegalStateException("listener failure");
                  }
                })
            .listener(second)
            .build()) {
      pool.createWorkers(1);

      assertThat(pool.workerCount()).isEqualTo(1);
      assertThat(second.events).containsExactly(pool.name() + ": 0 -> 1");
    }
  }
}
