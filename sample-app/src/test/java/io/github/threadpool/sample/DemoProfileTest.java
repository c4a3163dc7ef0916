package io.github.threadpool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.threadpool.ThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Starts the application with the demo profile, as {@code -Dspring-boot.run.profiles=demo} does.
 */
@SpringBootTest(properties = "sample.demo-time-scale=0.01")
@ActiveProfiles(DemoRunner.PROFILE)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class DemoProfileTest {

  @Autowired ApplicationContext context;

  @Autowired
  @Qualifier(DemoRunner.POOL)
  ThreadPool pool;

  @Test
  void demoProfileShouldRunTheDemoOnItsNamedPoolWithoutTheBatchApi(CapturedOutput output) {
    assertThat(output.getOut())
        .contains("Creating thread pool with 3 worker threads.")
        .contains("**** No pending results.");
    assertThat(pool.name()).isEqualTo(DemoRunner.POOL);
    assertThat(pool.pendingRequestCount()).isZero();
    assertThat(pool.stats().completed() + pool.stats().failed()).isEqualTo(40);
    assertThat(context.getBeanNamesForType(ResultPoller.class)).isEmpty();
    assertThat(context.getBeanNamesForType(BatchController.class)).isEmpty();
  }
}
