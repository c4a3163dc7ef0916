package io.github.threadpool.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of an application read their configuration from a Spring Cloud Config Server; after
 * a change of the server's file, {@code POST /actuator/refresh} on each resizes each pool.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FleetRefreshTests {

  @TempDir Path repository;

  @Test
  void refreshOnEachInstanceShouldResizeEachPoolAndRefuseAnInvalidValue() throws Exception {
    try (Fleet fleet = Fleet.start(repository, "threadpool.workers=2\n")) {
      Fleet.Client first = fleet.client("spring.cloud.bus.enabled=false");
      Fleet.Client second = fleet.client("spring.cloud.bus.enabled=false");
      assertThat(first.workers("default")).isEqualTo(2);
      assertThat(second.workers("default")).isEqualTo(2);

      fleet.configure("threadpool.workers=5\nthreadpool.max-workers=10\n");
      assertThat(first.post("refresh")).isEqualTo(200);
      assertThat(first.workers("default")).isEqualTo(5);
      assertThat(second.workers("default")).as("not refreshed yet").isEqualTo(2);
      assertThat(second.post("refresh")).isEqualTo(200);

      for (Fleet.Client client : new Fleet.Client[] {first, second}) {
        Map<String, Object> pool = client.pool("default");
        assertThat(pool)
            .containsEntry("workers", 5)
            .containsEntry("configuredWorkers", 5)
            .containsEntry("maxWorkers", 10);
        Map<String, Object> change = Objects.requireNonNull(client.lastChange("default"));
        assertThat(change)
            .containsEntry("source", "config")
            .containsEntry("previousWorkers", 2)
            .containsEntry("currentWorkers", 5);
      }

      fleet.configure("threadpool.workers=50\nthreadpool.max-workers=10\n");
      int status = first.post("refresh");

      assertThat(first.workers("default")).isEqualTo(5);
      assertThat(Objects.requireNonNull(first.lastChange("default")).get("refused"))
          .isEqualTo("threadpool.workers must be 0..10 (0 to threadpool.max-workers), was 50");
      assertThat(status).as("Spring Cloud's rebinder fails on the value too").isEqualTo(500);
    }
  }
}
