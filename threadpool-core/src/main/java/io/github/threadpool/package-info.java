/**
 * A thread pool that distributes {@link io.github.threadpool.WorkRequest work requests} to worker
 * threads and hands their results back to callbacks that run on the thread that {@linkplain
 * io.github.threadpool.ThreadPool#poll(boolean) polls} for them; a Java port of Christopher Arndt's
 * Python {@code threadpool} module that also serves as a {@link
 * java.util.concurrent.ExecutorService}.
 *
 * <p>Start with {@link io.github.threadpool.ThreadPool}: its class documentation describes the
 * lifecycle, the threads involved and how the pool differs from the Python original.
 */
@NullMarked
package io.github.threadpool;

import org.jspecify.annotations.NullMarked;
