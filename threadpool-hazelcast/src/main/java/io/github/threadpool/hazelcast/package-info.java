/**
 * The request API of {@link io.github.threadpool.RequestPool} across a Hazelcast cluster: {@link
 * io.github.threadpool.hazelcast.HazelcastThreadPool} sends each work request's task to any member
 * of the cluster and runs its callback on the submitting member's polling thread.
 *
 * <p>Tasks and results travel through Hazelcast's serialization; see the pool's class documentation
 * for what that changes compared with a local {@link io.github.threadpool.ThreadPool}.
 */
@NullMarked
package io.github.threadpool.hazelcast;

import org.jspecify.annotations.NullMarked;
