package io.github.threadpool.spring.boot.hazelcast;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The names of the cluster-backed pools, read from the environment before any bean exists, so that
 * the local pools' registrar can leave those names to the cluster.
 */
public final class ClusterPoolNames {

  private static final String POOL_CLASS = "io.github.threadpool.hazelcast.HazelcastThreadPool";

  private ClusterPoolNames() {}

  /**
   * Returns the names of the pools that are cluster-backed: none unless {@code
   * threadpool.cluster.enabled} is true and {@code threadpool-hazelcast} is on the class path;
   * otherwise {@code threadpool.cluster.pool} and every {@code threadpool.pools.<name>} with {@code
   * cluster: true}.
   *
   * @param classLoader the class loader that must see {@code threadpool-hazelcast}; {@code null}
   *     for the default one
   */
  public static Set<String> of(Environment environment, @Nullable ClassLoader classLoader) {
    Binder binder = Binder.get(environment);
    boolean enabled =
        binder.bind(ThreadPoolClusterProperties.PREFIX + ".enabled", Boolean.class).orElse(false);
    if (!enabled || !ClassUtils.isPresent(POOL_CLASS, classLoader)) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    binder.bind(ThreadPoolClusterProperties.PREFIX + ".pool", String.class).ifBound(names::add);
    binder
        .bind("threadpool.pools", Bindable.mapOf(String.class, Flag.class))
        .orElse(Map.of())
        .forEach(
            (name, flag) -> {
              if (flag.isCluster()) {
                names.add(name);
              }
            });
    return names;
  }

  /** The one key of {@code threadpool.pools.<name>} read here. */
  public static class Flag {

    /** Whether the pool runs its work requests across the cluster. */
    private boolean cluster;

    public boolean isCluster() {
      return cluster;
    }

    public void setCluster(boolean cluster) {
      this.cluster = cluster;
    }
  }
}
