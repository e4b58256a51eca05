package io.pipeline.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class PartHealthTest {

  @Test
  void shouldBeUpOnlyWhenStreamsApplicationIsRunningOrRebalancing() {
    for (State state : State.values()) {
      PartHealth health = PartHealth.of(state);

      assertThat(health.state()).isEqualTo(state.name());
      assertThat(health.isUp())
          .as("%s is up", state)
          .isEqualTo(EnumSet.of(State.RUNNING, State.REBALANCING).contains(state));
    }
  }
}
