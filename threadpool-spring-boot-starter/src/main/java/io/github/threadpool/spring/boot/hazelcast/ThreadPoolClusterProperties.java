package io.github.threadpool.spring.boot.hazelcast;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which pools run their work requests across a Hazelcast cluster. A pool's sizes come from its
 * usual keys ({@code threadpool.pools.<name>.workers}, {@code max-workers}, falling back to the
 * top-level ones); on a cluster pool they size this member's share.
 */
@ConfigurationProperties(ThreadPoolClusterProperties.PREFIX)
public class ThreadPoolClusterProperties {

  /** The prefix of these keys. */
  public static final String PREFIX = "threadpool.cluster";

  /** Whether pools may be cluster-backed (needs threadpool-hazelcast and a HazelcastInstance). */
  private boolean enabled;

  /**
   * The name of the pool that runs its work requests across the cluster; other pools can be marked
   * with threadpool.pools.<name>.cluster=true.
   */
  private @Nullable String pool;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable String getPool() {
    return pool;
  }

  public void setPool(@Nullable String pool) {
    this.pool = pool;
  }
}
