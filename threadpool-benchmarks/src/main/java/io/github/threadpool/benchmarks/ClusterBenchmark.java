package io.github.threadpool.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.config.DurableExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import io.github.threadpool.ThreadPool;
import io.github.threadpool.WorkRequest;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cluster pool, {@link HazelcastThreadPool}, with 1 and 3 embedded Hazelcast members in the
 * benchmark's JVM (TCP on 127.0.0.1, so every task that runs on another member crosses a real
 * socket), next to the two Hazelcast executors it could be built on and a local {@link ThreadPool}
 * with as many workers as the whole cluster. One operation is {@value #TASKS} tiny tasks put from
 * one member; the score is the time per task.
 *
 * <pre>
 * java -jar threadpool-benchmarks/target/benchmarks.jar ClusterBenchmark
 * </pre>
 *
 * <p>The point is that the cluster pool works and spreads work, not that it beats a local pool: a
 * task costs a serialization round trip and, on another member, a network hop; see {@code
 * docs/cluster.md} for the numbers of one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(ClusterBenchmark.TASKS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dhazelcast.logging.type=none"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // set up in setUp()
public class ClusterBenchmark {

  /** Tasks per operation. */
  static final int TASKS = 1_000;

  /** Executor threads per member (and workers of the cluster pool on each member). */
  static final int WORKERS = 2;

  /** Members in the cluster. */
  @Param({"1", "3"})
  public int members;

  private final List<HazelcastInstance> cluster = new ArrayList<>();
  private final List<HazelcastThreadPool> pools = new ArrayList<>();
  private IExecutorService executorService;
  private DurableExecutorService durableExecutorService;
  private ThreadPool localPool;

  @Setup
  public void setUp() {
    String clusterName = "benchmark-" + UUID.randomUUID();
    int basePort = 30_000 + ThreadLocalRandom.current().nextInt(200) * 10;
    for (int i = 0; i < members; i++) {
      cluster.add(Hazelcast.newHazelcastInstance(config(clusterName, basePort, i)));
    }
    for (HazelcastInstance member : cluster) {
      pools.add(HazelcastThreadPool.builder(member).name("bench").workers(WORKERS).build());
    }
    executorService = cluster.get(0).getExecutorService("plain");
    durableExecutorService = cluster.get(0).getDurableExecutorService("durable");
    localPool = ThreadPool.builder().workers(WORKERS * members).name("local").build();
  }

  @TearDown
  public void tearDown() {
    pools.forEach(HazelcastThreadPool::close);
    cluster.forEach(member -> member.getLifecycleService().terminate());
    localPool.close();
  }

  /** The cluster pool: put {@value #TASKS} requests on one member, then run their callbacks. */
  @Benchmark
  public long hazelcastThreadPool() {
    return putAndWaitForAll(pools.get(0));
  }

  /** A local pool with as many workers as the whole cluster: the cost of the request API alone. */
  @Benchmark
  public long localThreadPool() {
    return putAndWaitForAll(localPool);
  }

  /** Hazelcast's {@link IExecutorService}, submit on a random partition, then every future. */
  @Benchmark
  public long iExecutorService() throws ExecutionException, InterruptedException {
    List<Future<Integer>> futures = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      futures.add(executorService.submit(new Square(i)));
    }
    long sum = 0;
    for (Future<Integer> future : futures) {
      sum += future.get();
    }
    return sum;
  }

  /**
   * Hazelcast's {@link DurableExecutorService}: submit, then every future, disposing each result
   * (it would otherwise stay in the partition's ring buffer).
   */
  @Benchmark
  public long durableExecutorService() throws ExecutionException, InterruptedException {
    List<DurableExecutorServiceFuture<Integer>> futures = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      futures.add(durableExecutorService.submit(new Square(i)));
    }
    long sum = 0;
    for (DurableExecutorServiceFuture<Integer> future : futures) {
      sum += future.get();
      durableExecutorService.disposeResult(future.getTaskId());
    }
    return sum;
  }

  private static long putAndWaitForAll(io.github.threadpool.RequestPool pool) {
    LongAdder sum = new LongAdder();
    for (int i = 0; i < TASKS; i++) {
      pool.putRequest(WorkRequest.of(new Square(i), (request, square) -> sum.add(square)));
    }
    pool.waitForAll();
    return sum.sum();
  }

  private static Config config(String clusterName, int basePort, int index) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setInstanceName(clusterName + "-" + index);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.getExecutorConfig("plain").setPoolSize(WORKERS);
    config.addDurableExecutorConfig(
        new DurableExecutorConfig("durable").setPoolSize(WORKERS).setCapacity(TASKS));
    config.getNetworkConfig().setPort(basePort).setPortAutoIncrement(true).setPortCount(5);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
    for (int port = basePort; port < basePort + 5; port++) {
      join.getTcpIpConfig().addMember("127.0.0.1:" + port);
    }
    return config;
  }

  /** A tiny task that any member can run: it squares its argument. */
  record Square(int n) implements Callable<Integer>, Serializable {
    @Override
    public Integer call() {
      return n * n % 7;
    }
  }
}
