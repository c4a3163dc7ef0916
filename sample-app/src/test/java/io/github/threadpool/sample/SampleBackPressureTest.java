package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.threadpool.ThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

/**
 * A saturated pool refuses batches with 429 and Retry-After, and puts nothing of them: a pool with
 * no worker and a request queue of 3, so that nothing drains while the test fills it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.security.user.password=test-secret",
      "threadpool.workers=0",
      "threadpool.request-queue-capacity=3",
      "threadpool.shutdown.await-termination-period=0s",
      "sample.retry-after=7s"
    })
@DirtiesContext
@Timeout(60)
class SampleBackPressureTest {

  @LocalServerPort int port;

  @Autowired ThreadPool pool;

  @Test
  void batchWhenTheQueueHasNoRoomForAllOfItShouldBeRefusedWith429AndPutNothing() {
    ResponseEntity<String> tooBig = submit("{\"numbers\": [2, 3, 4, 5]}");
    assertThat(tooBig.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(tooBig.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
    assertThat(tooBig.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) JsonPath.read(tooBig.getBody(), "$.detail"))
        .isEqualTo("the pool's request queue has room for 3 numbers, the batch holds 4");
    assertThat(pool.stats().queueDepth()).isZero();

    assertThat(submit("{\"numbers\": [2, 3]}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    ResponseEntity<String> full = submit("{\"numbers\": [6, 7]}");
    assertThat(full.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat((String) JsonPath.read(full.getBody(), "$.detail"))
        .isEqualTo("the pool's request queue has room for 1 numbers, the batch holds 2");
    assertThat(submit("{\"numbers\": [8]}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(pool.stats().queueDepth()).isEqualTo(3);
    assertThat(pool.pendingRequestCount()).isEqualTo(3);
  }

  private ResponseEntity<String> submit(String body) {
    return RestClient.create("http://localhost:" + port)
        .post()
        .uri("/batches")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .onStatus(status -> true, (request, response) -> {})
        .toEntity(String.class);
  }
}
