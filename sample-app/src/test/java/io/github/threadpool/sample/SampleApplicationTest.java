package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

/** Starts the real application on a random port and uses it over HTTP, as the README does. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.security.user.password=" + SampleApplicationTest.PASSWORD,
      "threadpool.workers=4",
      "threadpool.max-workers=8"
    })
@DirtiesContext
@Timeout(120)
class SampleApplicationTest {

  static final String PASSWORD = "test-secret";

  @LocalServerPort int port;

  @Test
  void submittedBatchShouldCompleteWithTheFactorsOfEveryNumber() {
    ResponseEntity<String> accepted =
        call(
            HttpMethod.POST,
            "/batches",
            "{\"numbers\": [600851475143, \"97\", \"1000000000000000000\", 999999999999999989,"
                + " 999999874000003969]}",
            false);

    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = JsonPath.read(accepted.getBody(), "$.id");
    assertThat(accepted.getHeaders().getLocation()).hasToString("/batches/" + id);

    String done =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> call(HttpMethod.GET, "/batches/" + id, null, false).getBody(),
                body -> "COMPLETED".equals(JsonPath.read(body, "$.status")));

    assertThat((Integer) JsonPath.read(done, "$.completed")).isEqualTo(5);
    assertThat((Integer) JsonPath.read(done, "$.failed")).isZero();
    assertThat(factorsOf(done, 600851475143L)).containsExactly(71, 839, 1471, 6857);
    assertThat(factorsOf(done, 97L)).containsExactly(97);
    assertThat(factorsOf(done, 999999999999999989L)).containsExactly(999999999999999989L);
    assertThat(factorsOf(done, 999999874000003969L)).containsExactly(999999937, 999999937);
    List<Object> powerOfTen = factorsOf(done, 1000000000000000000L);
    assertThat(powerOfTen).hasSize(36).containsOnly(2, 5);
  }

  @Test
  void invalidBatchesShouldBeRefusedWith400AndAMessage() {
    assertBadRequest("{\"numbers\": []}", "numbers must hold at least one number");
    assertBadRequest("{\"numbers\": [12, \"abc\"]}", "numbers[1] must be an integer between 2");
    assertBadRequest("{\"numbers\": [1]}", "numbers[0] must be an integer between 2");
    assertBadRequest(
        "{\"numbers\": [\"10000000000000000000\"]}", "numbers[0] must be an integer between 2");
    StringBuilder tooMany = new StringBuilder("{\"numbers\": [2");
    for (int i = 0; i < 1000; i++) {
      tooMany.append(",2");
    }
    assertBadRequest(tooMany.append("]}").toString(), "at most 1000 numbers, was 1001");
    assertThat(call(HttpMethod.GET, "/batches/no-such-batch", null, false).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void operatorShouldResizeThePoolAndMetersShouldFollow() {
    assertThat(workersGauge()).isEqualTo(4);

    ResponseEntity<String> resized =
        call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": 6}", true);
    assertThat(resized.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Integer) JsonPath.read(resized.getBody(), "$.workers")).isEqualTo(6);
    assertThat(workersGauge()).isEqualTo(6);

    ResponseEntity<String> dismissed =
        call(HttpMethod.DELETE, "/actuator/threadpool/default?count=2&join=true", null, true);
    assertThat(dismissed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Integer) JsonPath.read(dismissed.getBody(), "$.workers")).isEqualTo(4);
    assertThat(workersGauge()).isEqualTo(4);
  }

  @Test
  void writesShouldNeedTheOperatorAndValidInput() {
    assertThat(
            call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": 5}", false)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            call(HttpMethod.DELETE, "/actuator/threadpool/default?count=1", null, false)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<String> negative =
        call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": -1}", true);
    assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(negative.getBody()).contains("workers").contains("-1");

    ResponseEntity<String> tooMany =
        call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": 9}", true);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("workers").contains("9");

    assertThat(workersGauge()).isEqualTo(4);
  }

  @Test
  void readsShouldBeOpenAndShowThePool() {
    ResponseEntity<String> health = call(HttpMethod.GET, "/actuator/health", null, false);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) JsonPath.read(health.getBody(), "$.status")).isEqualTo("UP");
    assertThat(health.getBody()).doesNotContain("components", "details"); // e.g. no disk paths
    ResponseEntity<String> operatorHealth = call(HttpMethod.GET, "/actuator/health", null, true);
    assertThat((String) JsonPath.read(operatorHealth.getBody(), "$.components.threadpool.status"))
        .isEqualTo("UP");
    assertThat(
            (Integer)
                JsonPath.read(
                    operatorHealth.getBody(), "$.components.threadpool.details.queueCapacity"))
        .isEqualTo(2000);

    ResponseEntity<String> pool = call(HttpMethod.GET, "/actuator/threadpool/default", null, false);
    assertThat(pool.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Integer) JsonPath.read(pool.getBody(), "$.maxWorkers")).isEqualTo(8);

    String prometheus = call(HttpMethod.GET, "/actuator/prometheus", null, false).getBody();
    for (String meter :
        List.of(
            "threadpool_workers",
            "threadpool_workers_busy",
            "threadpool_workers_dismissed",
            "threadpool_queue_depth",
            "threadpool_queue_remaining",
            "threadpool_results_pending",
            "threadpool_requests_completed",
            "threadpool_requests_failed",
            "threadpool_requests_rejected")) {
      assertThat(prometheus).containsPattern(meter + "[a-z_]*\\{[^}]*name=\"default\"");
    }
  }

  @Test
  void hostileInputShouldGetAProblemDetailInTheApisWordsQuotingOnlyAPrefix() {
    String longNumber = "9".repeat(5000);
    ResponseEntity<String> huge =
        call(HttpMethod.POST, "/batches", "{\"numbers\": [\"" + longNumber + "\"]}", false);
    assertProblem(huge, HttpStatus.BAD_REQUEST)
        .contains(
            "numbers[0] must be an integer between 2 and 1000000000000000000, was"
                + " '99999999999999999999...' (5000 characters)")
        .hasSizeLessThan(600);

    for (String body :
        List.of("{\"numbers\": \"abc\"}", "{\"numbers\": {\"a\": 1}}", "[1, 2]", "{", "")) {
      assertProblem(call(HttpMethod.POST, "/batches", body, false), HttpStatus.BAD_REQUEST)
          .contains("the body must be a JSON object with an array of numbers");
    }

    ResponseEntity<String> tooLarge =
        call(HttpMethod.POST, "/batches", "{\"numbers\": [\"" + "1".repeat(70_000) + "\"]}", false);
    assertProblem(tooLarge, HttpStatus.CONTENT_TOO_LARGE).contains("at most 65536 bytes");

    ResponseEntity<String> notAList =
        call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": [1]}", true);
    assertProblem(notAList, HttpStatus.BAD_REQUEST);
    ResponseEntity<String> maybe =
        call(HttpMethod.DELETE, "/actuator/threadpool/default?count=1&join=maybe", null, true);
    assertProblem(maybe, HttpStatus.BAD_REQUEST)
        .contains("join must be true or false, was 'maybe'");
    ResponseEntity<String> arabicDigit =
        call(HttpMethod.POST, "/actuator/threadpool/default", "{\"workers\": \"\u0664\"}", true);
    assertProblem(arabicDigit, HttpStatus.BAD_REQUEST)
        .contains("workers must be a whole number in 0..8, was '\u0664'");
    assertThat(workersGauge()).isEqualTo(4);
  }

  /** Asserts an RFC 9457 problem detail that names no Java type nor class of the application. */
  private static org.assertj.core.api.AbstractStringAssert<?> assertProblem(
      ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON), "problem+json");
    assertThat((Integer) JsonPath.read(response.getBody(), "$.status")).isEqualTo(status.value());
    return assertThat(response.getBody())
        .doesNotContain("java.")
        .doesNotContain("io.github")
        .doesNotContain("Controller")
        .doesNotContain("Exception");
  }

  private void assertBadRequest(String body, String message) {
    ResponseEntity<String> response = call(HttpMethod.POST, "/batches", body, false);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains(message);
  }

  /** Reads the live worker count of the pool "default" from /actuator/prometheus. */
  private int workersGauge() {
    String prometheus = call(HttpMethod.GET, "/actuator/prometheus", null, false).getBody();
    Matcher matcher =
        Pattern.compile(
                "(?m)^threadpool_workers(?:_threads)?\\{[^}]*name=\"default\"[^}]*} (\\S+)$")
            .matcher(String.valueOf(prometheus));
    assertThat(matcher.find()).as("threadpool_workers in %s", prometheus).isTrue();
    return (int) Double.parseDouble(matcher.group(1));
  }

  private static List<Object> factorsOf(String batch, long number) {
    List<List<Object>> factors =
        JsonPath.read(batch, "$.results[?(@.number == " + number + ")].factors");
    assertThat(factors).as("factors of %d in %s", number, batch).hasSize(1);
    return factors.get(0);
  }

  private ResponseEntity<String> call(
      HttpMethod method, String path, @Nullable String body, boolean asOperator) {
    RestClient.RequestBodySpec request =
        RestClient.create("http://localhost:" + port).method(method).uri(path);
    if (asOperator) {
      request.headers(headers -> headers.setBasicAuth("operator", PASSWORD));
    }
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().onStatus(status -> true, (req, res) -> {}).toEntity(String.class);
  }
}
