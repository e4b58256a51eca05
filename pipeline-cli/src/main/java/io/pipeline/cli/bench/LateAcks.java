package io.pipeline.cli.bench;

import io.pipeline.common.lifecycle.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Acknowledges MQTT messages a fixed time after each arrived, in arrival order, on a thread of its
 * own: a subscriber that holds messages as the bridge does while Kafka acknowledges their records,
 * with no Kafka behind it.
 */
final class LateAcks implements AutoCloseable {

  private record Arrival(Runnable acknowledge, long at) {}

  private final long heldNanos;
  private final CountDownLatch acknowledged;
  private final ConcurrentLinkedQueue<Arrival> waiting = new ConcurrentLinkedQueue<>();
  private final Thread acker;
  private volatile boolean closed;

  /**
   * @param held how long each message stays unacknowledged
   * @param acknowledged counted down once per acknowledged message
   */
  LateAcks(Duration held, CountDownLatch acknowledged) {
    this.heldNanos = held.toNanos();
    this.acknowledged = acknowledged;
    this.acker = DaemonThreads.named("bench-late-acks").newThread(this::acknowledgeWhenDue);
    acker.start();
  }

  /**
   * Called on the MQTT client's thread for each message, in the order they came.
   *
   * @param acknowledge acknowledges the message (its {@code Mqtt5Publish::acknowledge})
   */
  void arrived(Runnable acknowledge) {
    waiting.add(new Arrival(acknowledge, System.nanoTime()));
  }

  private void acknowledgeWhenDue() {
    while (!closed) {
      Arrival next = waiting.peek();
      if (next == null) {
        LockSupport.parkNanos(100_000);
        continue;
      }
      long wait = next.at() + heldNanos - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      waiting.poll();
      next.acknowledge().run();
      acknowledged.countDown();
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(acker);
  }
}
