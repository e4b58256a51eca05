package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LateAcksTest {

  private record Ack(int message, long heldNanos) {}

  @Test
  void shouldAcknowledgeEachMessageInArrivalOrderAndNoSoonerThanHeld() throws Exception {
    // given messages held 30 ms each, arriving a few milliseconds apart
    Duration held = Duration.ofMillis(30);
    int messages = 20;
    CountDownLatch acknowledged = new CountDownLatch(messages);
    List<Ack> acks = new CopyOnWriteArrayList<>();
    try (LateAcks late = new LateAcks(held, acknowledged)) {
      // when they arrive
      for (int i = 0; i < messages; i++) {
        int message = i;
        long arrived = System.nanoTime();
        late.arrived(() -> acks.add(new Ack(message, System.nanoTime() - arrived)));
        if (i % 5 == 0) {
          TimeUnit.MILLISECONDS.sleep(3);
        }
      }
      // then every one is acknowledged, in order, none before its time
      assertThat(acknowledged.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acks).extracting(Ack::message).containsExactlyElementsOf(range(messages));
    assertThat(acks)
        .allSatisfy(ack -> assertThat(ack.heldNanos()).isGreaterThanOrEqualTo(held.toNanos()));
  }

  @Test
  void shouldAcknowledgeNothingOnceClosed() throws Exception {
    // given a closed acknowledger
    CountDownLatch acknowledged = new CountDownLatch(1);
    LateAcks late = new LateAcks(Duration.ofMillis(1), acknowledged);
    late.close();
    TimeUnit.MILLISECONDS.sleep(50);
    // when a message arrives after it closed
    late.arrived(acknowledged::countDown);
    // then it is never acknowledged
    assertThat(acknowledged.await(200, TimeUnit.MILLISECONDS)).isFalse();
  }

  private static List<Integer> range(int count) {
    return java.util.stream.IntStream.range(0, count).boxed().toList();
  }
}
