package io.pipeline.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {

  private final OrderedAcks acks = new OrderedAcks();
  private final List<Integer> sent = new ArrayList<>();

  @Test
  void shouldAcknowledgeInArrivalOrderWhateverOrderKafkaCompletesIn() {
    OrderedAcks.Pending first = arrived(1);
    OrderedAcks.Pending second = arrived(2);
    OrderedAcks.Pending third = arrived(3);

    acks.done(third);
    acks.done(second);
    assertThat(sent).isEmpty();
    assertThat(acks.waiting()).isEqualTo(3);

    acks.done(first);
    assertThat(sent).containsExactly(1, 2, 3);
    assertThat(acks.waiting()).isZero();
  }

  @Test
  void shouldAcknowledgeNothingOfAnAbandonedConnection() {
    OrderedAcks.Pending first = arrived(1);
    OrderedAcks.Pending second = arrived(2);
    acks.done(second);

    acks.abandonAll();
    acks.done(first);
    OrderedAcks.Pending redelivered = arrived(3);
    acks.done(redelivered);

    assertThat(sent).containsExactly(3);
  }

  @Test
  void shouldAcknowledgeAbandonedMessagesOnlyWhenReleasedAndOnce() {
    OrderedAcks.Pending first = arrived(1);
    arrived(2);
    acks.abandonAll();
    acks.done(first);
    assertThat(sent).isEmpty();

    acks.releaseAbandoned();
    acks.releaseAbandoned();

    assertThat(sent).containsExactly(1, 2);
    assertThat(acks.waiting()).isZero();
  }

  private OrderedAcks.Pending arrived(int id) {
    return acks.arrived(() -> sent.add(id));
  }
}
