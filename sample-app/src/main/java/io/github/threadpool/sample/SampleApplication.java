package io.github.threadpool.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;

/**
 * Starts the sample. With the {@code demo} profile it runs the Python module's demo on the pool
 * instead of serving HTTP, and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
    if (context.getEnvironment().acceptsProfiles(Profiles.of(DemoRunner.PROFILE))) {
      System.exit(SpringApplication.exit(context));
    }
  }
}
