package io.github.threadpool.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.threadpool.ThreadPool;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

@SpringBootTest(
    classes = ThreadPoolEndpointHttpTests.TestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      WithoutSecurity.PROPERTY,
      "management.endpoints.web.exposure.include=threadpool",
      "threadpool.workers=2",
      "threadpool.thread-name-prefix=read-only-"
    })
@DirtiesContext
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolEndpointReadOnlyHttpTests {

  @LocalServerPort private int port;

  @Autowired private ThreadPool pool;

  @Test
  void readWhenAccessIsDefaultShouldBeAllowed() {
    Map<String, Object> body =
        RestClient.create("http://localhost:" + port)
            .get()
            .uri("/actuator/threadpool/default")
            .retrieve()
            .body(new ParameterizedTypeReference<Map<String, Object>>() {});

    assertThat(body).containsEntry("workers", 2);
  }

  @Test
  void writesWhenAccessIsDefaultReadOnlyShouldBeDeniedAndChangeNothing() {
    RestClient client = RestClient.create("http://localhost:" + port);

    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client
                    .post()
                    .uri("/actuator/threadpool/default")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"workers\": 1}")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED));
    assertThatExceptionOfType(HttpClientErrorException.class)
        .isThrownBy(
            () ->
                client
                    .delete()
                    .uri("/actuator/threadpool/default?count=1")
                    .retrieve()
                    .toBodilessEntity())
        .satisfies(e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED));
    assertThat(pool.workerCount()).isEqualTo(2);
  }
}
