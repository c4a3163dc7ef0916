package io.github.threadpool.sample;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The batch API: {@code POST /batches} with {@code {"numbers": [...]}} answers 202 with the batch's
 * id and location; {@code GET /batches/{id}} shows its progress, results and failures. A batch the
 * pool's bounded request queue has no room for is refused with 429 and {@code Retry-After}.
 */
@RestController
@Profile("!" + DemoRunner.PROFILE)
@RequestMapping("/batches")
class BatchController {

  private final BatchService service;

  BatchController(BatchService service) {
    this.service = service;
  }

  @PostMapping
  ResponseEntity<Accepted> submit(@RequestBody BatchRequest request) {
    Batch batch = service.submit(request.numbers());
    return ResponseEntity.accepted()
        .location(URI.create("/batches/" + batch.id()))
        .body(new Accepted(batch.id(), batch.numbers().size(), "/batches/" + batch.id()));
  }

  @GetMapping("/{id}")
  ResponseEntity<Batch.View> get(@PathVariable String id) {
    return ResponseEntity.of(service.find(id).map(Batch::view));
  }

  @ExceptionHandler(InvalidBatchException.class)
  ProblemDetail invalidBatch(InvalidBatchException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid batch");
    return problem;
  }

  /** A body that is not {@code {"numbers": [...]}}: said in the API's words, not Java's. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadableBatch(HttpMessageNotReadableException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "the body must be a JSON object with an array of numbers, such as {\"numbers\": [12, 97]}");
    problem.setTitle("Invalid batch");
    return problem;
  }

  @ExceptionHandler(PoolSaturatedException.class)
  ResponseEntity<ProblemDetail> saturated(PoolSaturatedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    problem.setTitle("Pool saturated");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()))
        .body(problem);
  }

  /** The body of {@code POST /batches}: integers as JSON numbers or strings. */
  record BatchRequest(@Nullable List<Object> numbers) {}

  /** The answer of {@code POST /batches}. */
  record Accepted(String id, int size, String location) {}
}
