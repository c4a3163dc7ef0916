package io.github.threadpool.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Embedded Hazelcast members in this JVM that form one cluster on 127.0.0.1: TCP-IP join on a port
 * range of their own, multicast off, and a cluster name no other test shares, so that members
 * started by other builds on the same machine never join.
 */
final class TestCluster implements AutoCloseable {

  private static final int PORTS = 5;

  private final String clusterName = "threadpool-test-" + UUID.randomUUID();
  private final int basePort = 20_000 + ThreadLocalRandom.current().nextInt(400) * 100;
  private final List<HazelcastInstance> members = new ArrayList<>();

  /** Starts {@code size} members and waits until they see each other. */
  static TestCluster start(int size) {
    TestCluster cluster = new TestCluster();
    try {
      for (int i = 0; i < size; i++) {
        cluster.startMember();
      }
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Starts one more member and returns it once it has joined. */
  HazelcastInstance startMember() {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setInstanceName(clusterName.substring(0, 23) + "-m" + members.size());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.partition.count", "31");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(basePort).setPortAutoIncrement(true).setPortCount(PORTS);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
    for (int port = basePort; port < basePort + PORTS; port++) {
      join.getTcpIpConfig().addMember("127.0.0.1:" + port);
    }
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    members.add(member);
    return member;
  }

  HazelcastInstance member(int index) {
    return members.get(index);
  }

  List<HazelcastInstance> members() {
    return List.copyOf(members);
  }

  @Override
  public void close() {
    for (HazelcastInstance member : members) {
      member.getLifecycleService().terminate();
    }
  }
}
