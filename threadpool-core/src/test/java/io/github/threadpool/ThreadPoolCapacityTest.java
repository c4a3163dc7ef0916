package io.github.threadpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request queue's capacity, changed while the pool runs. */
@Timeout(120)
class ThreadPoolCapacityTest extends PoolTestSupport {

  @Test
  void setRequestQueueCapacity_growing_wakesBlockedPutters() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().requestQueueCapacity(1).build());
    pool.putRequest(WorkRequest.of(() -> 1));
    List<Thread> putters = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int value = i + 2;
      Thread putter = new Thread(() -> pool.putRequest(WorkRequest.of(() -> value)));
      putter.start();
      putters.add(putter);
    }
    await()
        .atMost(PATIENCE)
        .until(() -> putters.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

    pool.setRequestQueueCapacity(3);

    for (Thread putter : putters) {
      putter.join(PATIENCE.toMillis());
      assertThat(putter.isAlive()).isFalse();
    }
    assertThat(pool.stats().queueDepth()).isEqualTo(3);
    assertThat(pool.stats().queueCapacity()).isEqualTo(3);
    assertThat(pool.pendingRequestCount()).isEqualTo(3);
  }

  @Test
  void setRequestQueueCapacity_toUnbounded_wakesBlockedPutters() throws Exception {
    ThreadPool pool = track(ThreadPool.builder().requestQueueCapacity(1).build());
    pool.execute(() -> {});
    Thread putter = new Thread(() -> pool.execute(() -> {}));
    putter.start();
    await().atMost(PATIENCE).until(() -> putter.getState() == Thread.State.WAITING);

    pool.setRequestQueueCapacity(0);

    putter.join(PATIENCE.toMillis());
    assertThat(putter.isAlive()).isFalse();
    assertThat(pool.requestQueueCapacity()).isZero();
    assertThat(pool.stats().queueRemaining()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void setRequestQueueCapacity_shrinkingBelowTheDepth_keepsEveryJobInOrderAndRefusesMore() {
    ThreadPool pool = track(ThreadPool.builder().requestQueueCapacity(5).build());
    List<Integer> ran = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 4; i++) {
      int value = i;
      pool.putRequest(WorkRequest.of(() -> ran.add(value)));
    }

    pool.setRequestQueueCapacity(2);

    assertThat(pool.stats().queueDepth()).isEqualTo(4);
    assertThat(pool.stats().queueRemaining()).isZero();
    assertThatThrownBy(() -> pool.putRequest(WorkRequest.of(() -> true), false, null))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("capacity 2");
    pool.createWorkers(1);
    pool.waitForAll();
    assertThat(ran).containsExactly(0, 1, 2, 3);
  }

  @Test
  void setRequestQueueCapacity_withNegativeCapacity_throwsIaeAndChangesNothing() {
    ThreadPool pool = track(ThreadPool.builder().requestQueueCapacity(5).build());

    assertThatThrownBy(() -> pool.setRequestQueueCapacity(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestQueueCapacity must be >= 0, was -1");
    assertThat(pool.requestQueueCapacity()).isEqualTo(5);
  }

  @Test
  void setRequestQueueCapacity_tellsListenersEachChangeInOrder() {
    List<String> events = new CopyOnWriteArrayList<>();
    ThreadPool pool =
        track(
            ThreadPool.builder()
                .requestQueueCapacity(5)
                .listener(
                    new ThreadPoolListener() {
                      @Override
                      public void requestQueueCapacityChanged(
                          ThreadPool p, int previous, int current) {
                        events.add(previous + " -> " + current);
                      }
                    })
                .build());

    pool.setRequestQueueCapacity(10);
    pool.setRequestQueueCapacity(10); // no change, no event
    pool.setRequestQueueCapacity(0);
    pool.setRequestQueueCapacity(1);

    assertThat(events).containsExactly("5 -> 10", "10 -> 0", "0 -> 1");
  }

  @Test
  void
      capacityFlippingEveryMillisecond_underConcurrentPuttersAndWorkers_losesDuplicatesAndReordersNothing()
          throws Exception {
    int requests = 100_000;
    // one worker, so that the order in which requests run is the order of the queue
    ThreadPool pool = track(ThreadPool.builder().workers(1).requestQueueCapacity(10).build());
    AtomicIntegerArray runs = new AtomicIntegerArray(requests);
    AtomicIntegerArray deliveries = new AtomicIntegerArray(requests);
    int[] runOrder = new int[requests];
    int[] runCount = new int[1];
    AtomicBoolean stop = new AtomicBoolean();
    int[] capacities = {1, 10, 1_000, 0};
    CompletableFuture<Integer> flipper =
        CompletableFuture.supplyAsync(
            () -> {
              int flips = 0;
              while (!stop.get()) {
                pool.setRequestQueueCapacity(capacities[flips++ % capacities.length]);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the pace of the flips
              }
              return flips;
            },
            command -> new Thread(command).start());
    CompletableFuture<Void> poller =
        CompletableFuture.runAsync(
            () -> {
              while (!stop.get()) {
                try {
                  pool.waitForAll(Duration.ofMillis(10));
                } catch (NoResultsPendingException ignored) {
                  // nothing pending at the moment
                }
              }
            },
            command -> new Thread(command).start());

    for (int i = 0; i < requests; i++) {
      int index = i;
      pool.putRequest(
          WorkRequest.of(
              () -> {
                runs.incrementAndGet(index);
                runOrder[runCount[0]++] = index; // one worker: no other thread writes these
                return index;
              },
              (request, value) -> deliveries.incrementAndGet(value)));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.stats().completed() == requests);
    stop.set(true);
    poller.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    pool.waitForAll();

    assertThat(flipper.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isGreaterThan(4);
    assertThat(pool.pendingRequestCount()).isZero();
    for (int i = 0; i < requests; i++) {
      assertThat(runs.get(i)).as("runs of request %d", i).isEqualTo(1);
      assertThat(deliveries.get(i)).as("deliveries of request %d", i).isEqualTo(1);
      assertThat(runOrder[i]).as("request run in position %d", i).isEqualTo(i);
    }
  }
}
