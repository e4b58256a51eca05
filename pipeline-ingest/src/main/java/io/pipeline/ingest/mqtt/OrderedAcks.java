package io.pipeline.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Acknowledges MQTT messages in the order they arrived, whatever order Kafka acknowledges their
 * records in (records of different partitions and topics complete independently). MQTT 5 requires
 * PUBACKs in arrival order (4.6.0-2): a broker may take a PUBACK as acknowledging the messages
 * before it, so an early one could lose a message that is still on its way to Kafka.
 *
 * <p>Thread-safe: messages arrive on the MQTT client's thread, Kafka completes them on its own.
 */
final class OrderedAcks {

  /** One received message, waiting for Kafka. */
  static final class Pending {
    private final Runnable acknowledge;
    private final long generation;
    private boolean done;

    private Pending(Runnable acknowledge, long generation) {
      this.acknowledge = acknowledge;
      this.generation = generation;
    }
  }

  private final Deque<Pending> queue = new ArrayDeque<>();
  private final List<Pending> abandoned = new ArrayList<>();
  private long generation;

  /** Records a message that arrived; {@code acknowledge} sends its PUBACK. */
  synchronized Pending arrived(Runnable acknowledge) {
    Pending pending = new Pending(acknowledge, generation);
    queue.addLast(pending);
    return pending;
  }

  /**
   * Kafka has the message's record: acknowledges it, and every later one already done, once all
   * before it are acknowledged.
   */
  synchronized void done(Pending pending) {
    if (pending.generation != generation) {
      return; // abandoned: the broker delivers it again
    }
    pending.done = true;
    while (!queue.isEmpty() && queue.peekFirst().done) {
      queue.pollFirst().acknowledge.run();
    }
  }

  /**
   * Gives up on every message not yet acknowledged (a record was refused, or the connection is
   * gone): none of them is acknowledged now, so the broker delivers them all again. They are kept
   * until {@link #releaseAbandoned}.
   */
  synchronized void abandonAll() {
    generation++;
    abandoned.addAll(queue);
    queue.clear();
  }

  /**
   * Runs the acknowledgement of every abandoned message, once the client has connected again: it
   * sends no PUBACK for a message of an earlier connection, but it lets go of them. Until it does,
   * they stay at the head of its queue of received messages, and it sends no PUBACK for any message
   * after them. Not sooner: while the old connection is closing (a broker that shuts down sends a
   * DISCONNECT first), a PUBACK could still leave and lose a message Kafka does not have.
   */
  void releaseAbandoned() {
    List<Pending> released;
    synchronized (this) {
      released = List.copyOf(abandoned);
      abandoned.clear();
    }
    released.forEach(p -> p.acknowledge.run());
  }

  /** Messages received and not yet acknowledged. */
  synchronized int waiting() {
    return queue.size();
  }
}
