package io.github.threadpool.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two instances of an application read their configuration from a Spring Cloud Config Server and
 * are joined by Spring Cloud Bus over a Kafka broker (embedded, KRaft); after a change of the
 * server's file, one {@code POST /actuator/busrefresh} on one instance resizes the pools of both.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@EmbeddedKafka(partitions = 1)
class FleetBusRefreshTests {

  @TempDir Path repository;

  @Test
  void oneBusRefreshShouldResizeThePoolsOfEveryInstance(EmbeddedKafkaBroker kafka)
      throws Exception {
    String brokers = "spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString();
    try (Fleet fleet =
        Fleet.start(repository, "threadpool.workers=2\nthreadpool.pools.io.workers=1\n")) {
      // Distinct bus ids: the default one is the same for two instances in one JVM, and an
      // instance ignores the messages that carry its own id.
      Fleet.Client first = fleet.client(brokers, "spring.cloud.bus.id=fleet:first");
      Fleet.Client second = fleet.client(brokers, "spring.cloud.bus.id=fleet:second");
      assertThat(second.workers("io")).isEqualTo(1);

      fleet.configure("threadpool.workers=2\nthreadpool.pools.io.workers=4\n");
      assertThat(first.post("busrefresh")).isEqualTo(204);

      for (Fleet.Client client : new Fleet.Client[] {first, second}) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(client.workers("io")).isEqualTo(4));
        assertThat(Objects.requireNonNull(client.lastChange("io")))
            .containsEntry("source", "config")
            .containsEntry("previousWorkers", 1)
            .containsEntry("currentWorkers", 4);
        assertThat(client.workers("default")).isEqualTo(2);
        assertThat(client.lastChange("default")).isNull();
      }
    }
  }
}
