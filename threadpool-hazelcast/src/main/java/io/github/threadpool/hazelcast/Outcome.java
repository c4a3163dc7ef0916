package io.github.threadpool.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A task's result or failure, on its way back to the submitting member. Built only from values that
 * survived a serialization round trip on the member that ran the task: a value that cannot be sent
 * is replaced by a failure that says so, so that the request still gets exactly one outcome.
 */
final class Outcome implements DataSerializable {

  private boolean failed;
  private @Nullable Object value;

  /** For Hazelcast's deserialization. */
  Outcome() {}

  private Outcome(boolean failed, @Nullable Object value) {
    this.failed = failed;
    this.value = value;
  }

  /** The task returned {@code result}; a failure if it cannot be serialized. */
  static Outcome success(@Nullable Object result, HazelcastInstance member) {
    try {
      Serialization.roundTrip(member, result);
      return new Outcome(false, result);
    } catch (RuntimeException | Error e) {
      return new Outcome(
          true,
          new HazelcastSerializationException(
              "the result ("
                  + Serialization.typeName(result)
                  + ") cannot be serialized on member "
                  + Serialization.memberName(member)
                  + ": "
                  + e.getMessage(),
              e));
    }
  }

  /**
   * The task threw {@code failure}; if it cannot be serialized, a stand-in with its type, message
   * and stack trace.
   */
  static Outcome failure(Throwable failure, HazelcastInstance member) {
    try {
      Serialization.roundTrip(member, failure);
      return new Outcome(true, failure);
    } catch (RuntimeException | Error e) {
      RuntimeException standIn =
          new RuntimeException(
              failure.getClass().getName()
                  + ": "
                  + failure.getMessage()
                  + " (the original exception cannot be serialized on member "
                  + Serialization.memberName(member)
                  + ")");
      standIn.setStackTrace(failure.getStackTrace());
      return new Outcome(true, standIn);
    }
  }

  boolean failed() {
    return failed;
  }

  @Nullable Object value() {
    return value;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(failed);
    out.writeObject(value);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    failed = in.readBoolean();
    value = in.readObject();
  }
}
