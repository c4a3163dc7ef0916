package io.github.threadpool.spring.boot;

import io.github.threadpool.WorkObserver;

/**
 * Makes the observer that times one pool's work; a bean only when Micrometer is present, so that a
 * pool is timed, and pays for an observer, only then.
 */
@FunctionalInterface
interface WorkTimersFactory {

  /** Returns a new, unbound observer that times one pool's work. */
  WorkObserver create();
}
