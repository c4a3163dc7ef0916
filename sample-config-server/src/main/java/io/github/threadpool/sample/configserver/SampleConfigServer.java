package io.github.threadpool.sample.configserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * A Spring Cloud Config Server with the native backend: it serves the files of the directory {@code
 * config-repo/} (see application.yml), read anew at every request, on port 8888.
 */
@SpringBootApplication
@EnableConfigServer
public class SampleConfigServer {

  /** Starts the server. */
  public static void main(String[] args) {
    SpringApplication.run(SampleConfigServer.class, args);
  }
}
