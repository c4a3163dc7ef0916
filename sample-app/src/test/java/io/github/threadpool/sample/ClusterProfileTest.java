package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Two instances of the real application with the {@code cluster} profile, in this JVM, each on a
 * random HTTP port, as the README's two commands start them: a batch put on one is computed on
 * both. The Hazelcast members get a cluster name and ports of their own (instead of the profile's
 * {@code hazelcast-cluster.yaml}), so that nothing else on the machine joins.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterProfileTest {

  @Test
  void batchPutOnOneInstanceShouldBeComputedOnBoth() {
    String clusterName = "threadpool-sample-test-" + UUID.randomUUID();
    int basePort = 40_000 + ThreadLocalRandom.current().nextInt(200) * 10;
    List<ConfigurableApplicationContext> instances = new ArrayList<>();
    try {
      instances.add(start(clusterName, basePort));
      instances.add(start(clusterName, basePort));
      String numbers =
          LongStream.range(0, 200)
              .mapToObj(i -> String.valueOf(1_000_003L + i))
              .reduce((a, b) -> a + ", " + b)
              .orElseThrow();

      String answer =
          client(instances.get(0))
              .post()
              .uri("/cluster/batches")
              .contentType(MediaType.APPLICATION_JSON)
              .body("{\"numbers\": [" + numbers + "]}")
              .retrieve()
              .body(String.class);

      assertThat((Boolean) JsonPath.read(answer, "$.complete")).isTrue();
      Map<String, Integer> byMember = JsonPath.read(answer, "$.byMember");
      assertThat(byMember).hasSize(2);
      assertThat(byMember.values()).allSatisfy(count -> assertThat(count).isPositive());
      assertThat(byMember.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
      List<Object> factorsOfFirst = JsonPath.read(answer, "$.results[0].factors");
      assertThat(factorsOfFirst).containsExactly(1_000_003);

      HttpStatusCode refused =
          client(instances.get(1))
              .post()
              .uri("/cluster/batches")
              .contentType(MediaType.APPLICATION_JSON)
              .body("{\"numbers\": [1]}")
              .exchange((request, response) -> response.getStatusCode());
      assertThat(refused.value()).isEqualTo(400);
    } finally {
      instances.forEach(ConfigurableApplicationContext::close);
    }
  }

  private static ConfigurableApplicationContext start(String clusterName, int basePort) {
    return new SpringApplicationBuilder(SampleApplication.class)
        .profiles("cluster")
        .initializers(
            context ->
                ((GenericApplicationContext) context)
                    .registerBean(Config.class, () -> member(clusterName, basePort)))
        .run(
            "--server.port=0",
            "--spring.security.user.password=test-secret",
            "--threadpool.workers=2",
            "--threadpool.max-workers=4");
  }

  private static Config member(String clusterName, int basePort) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
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

  private static RestClient client(ConfigurableApplicationContext instance) {
    String port = instance.getEnvironment().getProperty("local.server.port");
    return RestClient.create("http://localhost:" + port);
  }
}
