/**
 * The record of runtime changes of {@link io.github.threadpool.ThreadPool}s: every change of a
 * pool's worker count, made through the Actuator endpoint or the pool's API, is published as a
 * {@link io.github.threadpool.spring.boot.change.ThreadPoolChangedEvent} and remembered as the
 * pool's last {@link io.github.threadpool.spring.boot.change.ThreadPoolChange}. Changes are not
 * persisted: at start-up the configuration is the source of truth.
 */
@NullMarked
package io.github.threadpool.spring.boot.change;

import org.jspecify.annotations.NullMarked;
