package io.pipeline.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.common.http.PartHealth;
import java.util.EnumSet;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class OrchestratorHealthTest {

  @Test
  void shouldBeUpOnlyWhenTheRuntimeIsRunningOrRebalancing() {
    for (State state : State.values()) {
      PartHealth health = OrchestratorService.health(state);

      assertThat(health.state()).isEqualTo(state.name());
      assertThat(health.isUp())
          .as("%s is up", state)
          .isEqualTo(EnumSet.of(State.RUNNING, State.REBALANCING).contains(state));
    }
  }
}
