package io.github.threadpool.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.WorkRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three embedded members in this JVM, one pool of the same name on each. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HazelcastThreadPoolClusterTest {

  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static List<HazelcastThreadPool> pools(String name, int workers, int maxWorkers) {
    List<HazelcastThreadPool> pools = new ArrayList<>();
    for (var member : cluster.members()) {
      pools.add(
          HazelcastThreadPool.builder(member)
              .name(name)
              .workers(workers)
              .maxWorkers(maxWorkers)
              .build());
    }
    return pools;
  }

  private static void closeAll(List<HazelcastThreadPool> pools) {
    pools.forEach(HazelcastThreadPool::close);
  }

  @Test
  void putRequest_tenThousandRequestsFromOneMember_runOnAllThreeAndEachCallbackRunsOnce() {
    List<HazelcastThreadPool> pools = pools("tally", 2, 2);
    try {
      HazelcastThreadPool submitter = pools.get(0);
      int count = 10_000;
      AtomicIntegerArray callbacks = new AtomicIntegerArray(count);
      Map<String, AtomicInteger> byMember = new ConcurrentHashMap<>();
      AtomicInteger offThread = new AtomicInteger();
      Thread poller = Thread.currentThread();
      for (int i = 0; i < count; i++) {
        int id = i;
        submitter.putRequest(
            WorkRequest.builder(new Tasks.WhereAmI(id))
                .requestId(id)
                .callback(
                    (request, member) -> {
                      callbacks.incrementAndGet((Integer) request.requestId());
                      byMember
                          .computeIfAbsent(member, key -> new AtomicInteger())
                          .incrementAndGet();
                      if (Thread.currentThread() != poller) {
                        offThread.incrementAndGet();
                      }
                    })
                .build());
      }

      submitter.waitForAll();

      for (int i = 0; i < count; i++) {
        assertThat(callbacks.get(i)).as("callbacks of request %d", i).isEqualTo(1);
      }
      assertThat(offThread).hasValue(0);
      assertThat(byMember.keySet())
          .containsExactlyInAnyOrderElementsOf(
              cluster.members().stream().map(member -> member.getName()).toList());
      assertThat(byMember.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(count);
      assertThat(submitter.pendingRequestCount()).isZero();
      assertThat(submitter.stats().pendingResults()).isZero();
      assertThat(pools.stream().mapToLong(pool -> pool.stats().completed()).sum()).isEqualTo(count);
      System.out.println("10 000 requests from one member, by member: " + byMember);
    } finally {
      closeAll(pools);
    }
  }

  @Test
  void poll_requestsFromEveryMember_eachOutcomeReturnsToItsSubmitter() {
    List<HazelcastThreadPool> pools = pools("submitters", 2, 2);
    try {
      int perMember = 200;
      List<AtomicInteger> delivered = new ArrayList<>();
      for (HazelcastThreadPool pool : pools) {
        AtomicInteger mine = new AtomicInteger();
        delivered.add(mine);
        for (int i = 0; i < perMember; i++) {
          pool.putRequest(
              WorkRequest.of(new Tasks.WhereAmI(i), (request, member) -> mine.incrementAndGet()));
        }
      }

      for (HazelcastThreadPool pool : pools) {
        assertThat(pool.waitForAll(java.time.Duration.ofMinutes(1))).isTrue();
      }

      assertThat(delivered).allSatisfy(mine -> assertThat(mine).hasValue(perMember));
    } finally {
      closeAll(pools);
    }
  }

  @Test
  void resize_oneMember_limitsOnlyThatMembersConcurrentTasks() {
    List<HazelcastThreadPool> pools = pools("resized", 3, 4);
    try {
      Tasks.Concurrency.MAX.clear();
      pools.get(1).resize(1);
      assertThat(pools.get(1).workerCount()).isEqualTo(1);
      assertThat(pools.get(1).stats().workers()).isEqualTo(1);
      assertThat(pools.get(0).workerCount()).isEqualTo(3);

      for (int i = 0; i < 600; i++) {
        pools.get(0).putRequest(WorkRequest.of(new Tasks.Concurrency(i)));
      }
      pools.get(0).waitForAll();

      String resized = cluster.member(1).getName();
      String unchanged = cluster.member(0).getName();
      assertThat(Tasks.Concurrency.MAX)
          .hasEntrySatisfying(resized, max -> assertThat(max).hasValue(1))
          .hasEntrySatisfying(unchanged, max -> assertThat(max.get()).isBetween(2, 3));
    } finally {
      closeAll(pools);
    }
  }

  @Test
  void currentMember_insideTasks_isTheMemberThatRunsThemAndEmptyOutside() {
    List<HazelcastThreadPool> pools = pools("where", 2, 2);
    try {
      Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
      for (int i = 0; i < 300; i++) {
        pools
            .get(0)
            .putRequest(
                WorkRequest.of(
                    new Tasks.MemberAddress(i),
                    (request, address) ->
                        byAddress
                            .computeIfAbsent(address, key -> new AtomicInteger())
                            .incrementAndGet()));
      }
      pools.get(0).waitForAll();

      assertThat(byAddress.keySet())
          .containsExactlyInAnyOrderElementsOf(
              cluster.members().stream()
                  .map(member -> String.valueOf(member.getCluster().getLocalMember().getAddress()))
                  .toList());
      assertThat(HazelcastThreadPool.currentMember()).isEmpty();
    } finally {
      closeAll(pools);
    }
  }

  @Test
  void memberCount_threeMembers_isThree() {
    List<HazelcastThreadPool> pools = pools("counted", 1, 1);
    try {
      assertThat(pools).allSatisfy(pool -> assertThat(pool.memberCount()).isEqualTo(3));
    } finally {
      closeAll(pools);
    }
  }
}
