package io.github.threadpool.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * What travels to the member that runs a work request: the request's task and the pool's name. It
 * runs on a Hazelcast executor thread of that member, behind the member's {@link MemberWorkers}
 * gate, and returns an {@link Outcome} that has already been checked to be serializable, so that a
 * result that cannot travel back fails its request instead of being lost.
 */
final class ClusterTask implements Callable<Outcome>, DataSerializable, HazelcastInstanceAware {

  /** The member whose executor thread runs a task now, for {@link #runningOn()}. */
  private static final ThreadLocal<@Nullable HazelcastInstance> RUNNING_ON = new ThreadLocal<>();

  private String poolName = "";
  private @Nullable Callable<?> task;
  private transient @Nullable HazelcastInstance member;

  /** For Hazelcast's deserialization. */
  ClusterTask() {}

  ClusterTask(String poolName, Callable<?> task) {
    this.poolName = poolName;
    this.task = task;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
    this.member = hazelcastInstance;
  }

  /**
   * Runs the task on this member, behind the member's gate.
   *
   * @throws InterruptedException if the member shuts down while the task waits for a permit
   */
  @Override
  public Outcome call() throws InterruptedException {
    HazelcastInstance local = Objects.requireNonNull(member, "member");
    Callable<?> work = Objects.requireNonNull(task, "task");
    MemberWorkers workers = HazelcastThreadPool.memberWorkers(local, poolName);
    if (workers != null) {
      workers.acquire();
    }
    boolean success = false;
    try {
      Object result;
      HazelcastInstance outer = RUNNING_ON.get();
      RUNNING_ON.set(local);
      try {
        result = work.call();
      } catch (Throwable failure) { // the task's outcome, whatever it is, goes back to the caller
        return Outcome.failure(failure, local);
      } finally {
        if (outer == null) {
          RUNNING_ON.remove();
        } else {
          RUNNING_ON.set(outer);
        }
      }
      Outcome outcome = Outcome.success(result, local);
      success = !outcome.failed();
      return outcome;
    } finally {
      if (workers != null) {
        workers.release(success);
      }
    }
  }

  /** The member that runs the calling thread's task, or {@code null} outside a task. */
  static @Nullable HazelcastInstance runningOn() {
    return RUNNING_ON.get();
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(poolName);
    out.writeObject(task);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    poolName = Objects.requireNonNull(in.readString(), "poolName");
    task = in.readObject();
  }
}
