package io.github.threadpool.spring.boot.hazelcast;

import io.github.threadpool.ThreadPoolStats;
import io.github.threadpool.hazelcast.HazelcastThreadPool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code threadpoolcluster}: this member's side of each cluster-backed pool,
 * with the cluster's member count, and its resize.
 *
 * <table>
 *   <caption>Operations over HTTP</caption>
 *   <tr><th>operation</th><th>HTTP</th></tr>
 *   <tr><td>{@link #pools()}</td><td>{@code GET /actuator/threadpoolcluster}</td></tr>
 *   <tr><td>{@link #pool(String)}</td><td>{@code GET /actuator/threadpoolcluster/{name}}</td></tr>
 *   <tr><td>{@link #resize(String, String)}</td><td>{@code POST
 *       /actuator/threadpoolcluster/{name}}, body {@code {"workers": N}}: this member's
 *       workers</td></tr>
 * </table>
 *
 * <p>Read-only by default: resizing needs {@code
 * management.endpoint.threadpoolcluster.access=unrestricted}. A count outside {@code
 * 0..maxWorkers}, or not a whole number, is refused (HTTP 400) and changes nothing.
 */
@Endpoint(id = ThreadPoolClusterEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ThreadPoolClusterEndpoint {

  /** The endpoint's id. */
  public static final String ID = "threadpoolcluster";

  private final Supplier<Stream<HazelcastThreadPool>> pools;

  /**
   * Creates the endpoint.
   *
   * @param pools supplies the pools, anew for each operation
   */
  public ThreadPoolClusterEndpoint(Supplier<Stream<HazelcastThreadPool>> pools) {
    this.pools = Objects.requireNonNull(pools, "pools");
  }

  /** Describes every cluster-backed pool, by name. */
  @ReadOperation
  public ClusterPoolsDescriptor pools() {
    Map<String, ClusterPoolDescriptor> descriptors = new LinkedHashMap<>();
    pools.get().forEach(pool -> descriptors.putIfAbsent(pool.name(), describe(pool)));
    return new ClusterPoolsDescriptor(descriptors);
  }

  /**
   * Describes one pool.
   *
   * @return the pool's descriptor, or {@code null} (HTTP 404) if there is no pool of that name
   */
  @ReadOperation
  public @Nullable ClusterPoolDescriptor pool(@Selector String name) {
    HazelcastThreadPool pool = find(name);
    return pool != null ? describe(pool) : null;
  }

  /**
   * Sets how many of the pool's tasks this member runs at a time; other members are not affected.
   *
   * @param workers a whole number in {@code 0..maxWorkers}
   * @return the pool after the change
   * @throws InvalidEndpointRequestException (HTTP 400) if there is no pool of that name or {@code
   *     workers} is not a whole number in range
   */
  @WriteOperation
  public ClusterPoolDescriptor resize(@Selector String name, String workers) {
    HazelcastThreadPool pool = find(name);
    if (pool == null) {
      String message = "no cluster pool named '" + name + "'";
      throw new InvalidEndpointRequestException(message, message);
    }
    int count;
    try {
      count = Integer.parseInt(workers.trim());
    } catch (NumberFormatException notANumber) {
      count = -1;
    }
    if (count < 0 || count > pool.maxWorkers()) {
      String shown = workers.length() > 20 ? workers.substring(0, 20) + "…" : workers;
      String message =
          "workers must be a whole number in 0.." + pool.maxWorkers() + ", was '" + shown + "'";
      throw new InvalidEndpointRequestException(message, message);
    }
    pool.resize(count);
    return describe(pool);
  }

  private @Nullable HazelcastThreadPool find(String name) {
    return pools.get().filter(pool -> pool.name().equals(name)).findFirst().orElse(null);
  }

  private static ClusterPoolDescriptor describe(HazelcastThreadPool pool) {
    ThreadPoolStats stats = pool.stats();
    return new ClusterPoolDescriptor(
        pool.name(),
        pool.memberCount(),
        stats.workers(),
        pool.maxWorkers(),
        stats.busyWorkers(),
        stats.queueDepth(),
        stats.pendingRequests(),
        stats.pendingResults(),
        stats.completed(),
        stats.failed(),
        stats.rejected());
  }

  /**
   * Every cluster-backed pool, by name.
   *
   * @param pools the pools' descriptors
   */
  public record ClusterPoolsDescriptor(Map<String, ClusterPoolDescriptor> pools)
      implements OperationResponseBody {}

  /**
   * This member's side of one cluster-backed pool.
   *
   * @param name the pool's name
   * @param members members in the cluster, this one included
   * @param workers tasks of the pool this member runs at a time
   * @param maxWorkers the largest {@code workers} accepted on this member
   * @param busyWorkers tasks of the pool running on this member now
   * @param queueDepth tasks waiting on this member
   * @param pendingRequests requests put on this member and not yet delivered
   * @param pendingResults outcomes waiting to be polled on this member
   * @param completed tasks this member ran that finished normally
   * @param failed tasks this member ran that threw
   * @param rejected puts refused on this member
   */
  public record ClusterPoolDescriptor(
      String name,
      int members,
      int workers,
      int maxWorkers,
      int busyWorkers,
      int queueDepth,
      int pendingRequests,
      int pendingResults,
      long completed,
      long failed,
      long rejected)
      implements OperationResponseBody {}
}
