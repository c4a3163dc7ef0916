/**
 * Slow-work detection: a {@link io.github.threadpool.spring.boot.slowwork.SlowWorkDetector} per
 * pool watches the requests and tasks that wait in the queue or run on a worker, and reports each
 * one that takes longer than the pool's queue or run timeout once: counted, logged at WARN and
 * published as a {@link io.github.threadpool.spring.boot.slowwork.SlowWorkEvent}. It needs nothing
 * but Spring's event publishing; the auto-configuration attaches a detector to every pool that has
 * a timeout or is measured by Micrometer.
 */
@NullMarked
package io.github.threadpool.spring.boot.slowwork;

import org.jspecify.annotations.NullMarked;
