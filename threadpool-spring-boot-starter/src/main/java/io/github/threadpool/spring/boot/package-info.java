/**
 * Spring Boot auto-configuration of a {@link io.github.threadpool.ThreadPool}: the {@code
 * threadpool.*} properties, the pool bean and its customizers, its graceful shutdown with the
 * application context, and the start-up failure analysis of invalid settings. The Actuator and
 * Micrometer parts live in {@link io.github.threadpool.spring.boot.actuate}; the auto-configuration
 * classes here wire them in only when their optional dependencies are present.
 */
@NullMarked
package io.github.threadpool.spring.boot;

import org.jspecify.annotations.NullMarked;
