/**
 * JMH benchmarks of {@link io.github.threadpool.ThreadPool}, each run side by side with the JDK's
 * {@link java.util.concurrent.ThreadPoolExecutor} (and {@link java.util.concurrent.ForkJoinPool}
 * where it applies) with the same number of workers and the same task, plus {@link
 * io.github.threadpool.benchmarks.IdleCost}, a small program that measures what idle workers cost.
 * {@code run-benchmarks.sh} in the module's folder builds the jar and runs the whole suite; {@code
 * docs/benchmarks.md} holds the results.
 */
@NullMarked
package io.github.threadpool.benchmarks;

import org.jspecify.annotations.NullMarked;
