/**
 * Production-readiness support for {@link io.github.threadpool.ThreadPool}s: the Micrometer meters,
 * the Actuator {@code threadpool} endpoint with its response descriptors, the {@code threadpool}
 * health check with its Spring Boot 4 indicator, and the audit of worker changes. Each class
 * depends on at most one optional library (Micrometer, Spring Boot Actuator, Spring Boot Health)
 * and is only loaded when that library is present.
 */
@NullMarked
package io.github.threadpool.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
