/**
 * Spring Boot auto-configuration of {@link io.github.threadpool.ThreadPool}s: the {@code
 * threadpool.*} properties, the default pool bean and the named ones, their task decorators
 * (context propagation included), customizers and listeners, their graceful shutdown with the
 * application context, and the start-up failure analysis of invalid settings. The Actuator and
 * Micrometer parts live in {@link io.github.threadpool.spring.boot.actuate}; the auto-configuration
 * classes here wire them in only when their optional dependencies are present.
 */
@NullMarked
package io.github.threadpool.spring.boot;

import org.jspecify.annotations.NullMarked;
