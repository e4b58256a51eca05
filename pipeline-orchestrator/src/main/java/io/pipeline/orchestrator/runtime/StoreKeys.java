package io.pipeline.orchestrator.runtime;

import io.pipeline.schemas.orchestrator.ExecutionRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/**
 * The byte keys of the runtime's ordered stores. RocksDB orders keys as unsigned bytes, so a
 * big-endian non-negative number sorts as the number does: timers sort by due time, history batches
 * of one execution by event id.
 */
final class StoreKeys {

  /** Separates an ARN from what follows; ARNs never contain it. */
  private static final byte SEPARATOR = 0;

  private StoreKeys() {}

  /** A timer's key: due time, then execution ARN, then timer id. */
  static Bytes timer(Instant dueAt, String executionArn, String timerId) {
    byte[] arn = executionArn.getBytes(StandardCharsets.UTF_8);
    byte[] id = timerId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(Long.BYTES + arn.length + 1 + id.length)
            .putLong(Math.max(0, dueAt.toEpochMilli()))
            .put(arn)
            .put(SEPARATOR)
            .put(id)
            .array());
  }

  /** The first key of timers due after {@code time}: a range up to it holds the due ones. */
  static Bytes timersDueAfter(Instant time) {
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(time.toEpochMilli() + 1).array());
  }

  /** The smallest timer key. */
  static Bytes firstTimer() {
    return Bytes.wrap(new byte[Long.BYTES]);
  }

  /** A timer key's parts. */
  record Timer(Instant dueAt, String executionArn, String timerId) {}

  static Timer timerOf(Bytes key) {
    ByteBuffer buffer = ByteBuffer.wrap(key.get());
    long due = buffer.getLong();
    byte[] rest = new byte[buffer.remaining()];
    buffer.get(rest);
    int separator = indexOf(rest, SEPARATOR);
    return new Timer(
        Instant.ofEpochMilli(due),
        new String(rest, 0, separator, StandardCharsets.UTF_8),
        new String(rest, separator + 1, rest.length - separator - 1, StandardCharsets.UTF_8));
  }

  /** A history batch's key: execution ARN, then the id of its first event. */
  static Bytes historyBatch(String executionArn, long eventId) {
    byte[] arn = executionArn.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(arn.length + 1 + Long.BYTES)
            .put(arn)
            .put(SEPARATOR)
            .putLong(eventId)
            .array());
  }

  /**
   * An execution's key in the listing of its state machine: state machine ARN, then the start time
   * counted down (newest first), then the execution ARN (ties in ARN order).
   */
  static Bytes listing(String stateMachineArn, Instant startDate, String executionArn) {
    byte[] machine = stateMachineArn.getBytes(StandardCharsets.UTF_8);
    byte[] arn = executionArn.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(machine.length + 1 + Long.BYTES + arn.length)
            .put(machine)
            .put(SEPARATOR)
            .putLong(Long.MAX_VALUE - Math.max(0, startDate.toEpochMilli()))
            .put(arn)
            .array());
  }

  /**
   * An execution's keys in the listings: of its state machine, and of the version and the alias it
   * was started with, if any.
   */
  static List<Bytes> listings(ExecutionRecord execution) {
    if (execution.getMapRunArn() != null) {
      // A Map Run's child is listed with its run only, as AWS lists it.
      return List.of(
          listing(execution.getMapRunArn(), execution.getStartDate(), execution.getExecutionArn()));
    }
    List<Bytes> keys = new ArrayList<>(3);
    for (String listed :
        new String[] {
          execution.getStateMachineArn(),
          execution.getStateMachineVersionArn(),
          execution.getStateMachineAliasArn()
        }) {
      if (listed != null) {
        keys.add(listing(listed, execution.getStartDate(), execution.getExecutionArn()));
      }
    }
    return keys;
  }

  /**
   * The last key a listing of {@code stateMachineArn} can have: every listing key of the machine
   * sorts between {@code listing(machine, ...)} and it.
   */
  static Bytes listingEnd(String stateMachineArn) {
    byte[] machine = stateMachineArn.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(machine.length + 1).put(machine).put((byte) (SEPARATOR + 1)).array());
  }

  /** The start of a listing of {@code stateMachineArn}. */
  static Bytes listingStart(String stateMachineArn) {
    byte[] machine = stateMachineArn.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(machine.length + 1).put(machine).put(SEPARATOR).array());
  }

  /** The execution ARN at the end of a listing key. */
  static String listedExecution(Bytes key, String stateMachineArn) {
    byte[] bytes = key.get();
    int offset = stateMachineArn.getBytes(StandardCharsets.UTF_8).length + 1 + Long.BYTES;
    return new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a timer key: no separator");
  }
}
