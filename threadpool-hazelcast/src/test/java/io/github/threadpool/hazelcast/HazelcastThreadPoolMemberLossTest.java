package io.github.threadpool.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.github.threadpool.WorkRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A member that runs requests dies in the middle of a batch. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HazelcastThreadPoolMemberLossTest {

  @Test
  void waitForAll_runningMemberTerminatedMidBatch_everyRequestDeliveredOnceAndHeldOnesRunAgain()
      throws InterruptedException {
    try (TestCluster cluster = TestCluster.start(3)) {
      List<HazelcastThreadPool> pools = new ArrayList<>();
      for (HazelcastInstance member : cluster.members()) {
        pools.add(HazelcastThreadPool.builder(member).name("loss").workers(2).build());
      }
      HazelcastThreadPool submitter = pools.get(0);
      HazelcastInstance victim = cluster.member(2);
      String test = "loss-" + System.nanoTime();
      Tasks.HeldOn.held = new CountDownLatch(2);
      Tasks.HeldOn.release = new CountDownLatch(1);
      int count = 600;
      AtomicIntegerArray callbacks = new AtomicIntegerArray(count);
      AtomicInteger failures = new AtomicInteger();
      Map<String, AtomicInteger> byMember = new ConcurrentHashMap<>();
      try {
        for (int i = 0; i < count; i++) {
          submitter.putRequest(
              WorkRequest.builder(new Tasks.HeldOn(test, i, victim.getName()))
                  .requestId(i)
                  .callback(
                      (request, member) -> {
                        callbacks.incrementAndGet((Integer) request.requestId());
                        byMember
                            .computeIfAbsent(member, key -> new AtomicInteger())
                            .incrementAndGet();
                      })
                  .exceptionCallback((request, exception) -> failures.incrementAndGet())
                  .build());
        }
        // both of the victim's workers are in the middle of a request: now it dies
        assertThat(Tasks.HeldOn.held.await(60, TimeUnit.SECONDS)).isTrue();
        victim.getLifecycleService().terminate();
      } finally {
        Tasks.HeldOn.release.countDown();
      }

      assertThat(submitter.waitForAll(Duration.ofMinutes(2))).isTrue();

      int runs = 0;
      for (int i = 0; i < count; i++) {
        assertThat(callbacks.get(i)).as("callbacks of request %d", i).isEqualTo(1);
        runs += Tasks.Counted.runs(test, i);
      }
      assertThat(failures).hasValue(0);
      assertThat(submitter.pendingRequestCount()).isZero();
      int reruns = runs - count;
      assertThat(reruns).as("requests run again after their member died").isGreaterThanOrEqualTo(2);
      System.out.println(
          "member loss: "
              + count
              + " delivered once each, "
              + runs
              + " runs ("
              + reruns
              + " again), by member of the delivered outcome: "
              + byMember);
      pools.forEach(HazelcastThreadPool::close);
    }
  }
}
