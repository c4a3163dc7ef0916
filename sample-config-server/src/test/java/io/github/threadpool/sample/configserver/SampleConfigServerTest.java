package io.github.threadpool.sample.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The server starts and serves the sample's configuration from config-repo/. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.cloud.config.server.native.search-locations=file:config-repo/")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SampleConfigServerTest {

  @LocalServerPort int port;

  @Test
  void serverShouldServeTheSamplesThreadPoolConfiguration() {
    String body =
        RestClient.create("http://localhost:" + port)
            .get()
            .uri("/threadpool-sample/cloud")
            .retrieve()
            .body(String.class);

    assertThat(body)
        .contains("\"threadpool.workers\":4")
        .contains("\"threadpool.max-workers\":16")
        .contains("config-repo/threadpool-sample.yml");
  }
}
