package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.DefaultApplicationArguments;

class DemoRunnerTest {

  @Test
  @Timeout(60)
  void demoShouldEndEveryRequestInExactlyOneCallback() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (ThreadPool pool = new ThreadPool(3)) {
      new DemoRunner(pool, 0.01, new PrintStream(output, true, StandardCharsets.UTF_8))
          .run(new DefaultApplicationArguments());
      assertThat(pool.pendingRequestCount()).isZero();
    }
    String printed = output.toString(StandardCharsets.UTF_8);

    List<String> added = ids(printed, "Work request (\\S+) added\\.");
    List<String> delivered =
        ids(printed, "\\*\\*\\*\\* (?:Result from|Exception occurred in) request (\\S+):");
    assertThat(added).hasSize(40).doesNotHaveDuplicates();
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(added);
    assertThat(printed)
        .startsWith("Creating thread pool with 3 worker threads.")
        .contains("**** No pending results.");
  }

  private static List<String> ids(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    return matcher.results().map(result -> result.group(1)).toList();
  }
}
