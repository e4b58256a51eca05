package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A Map Run's id and ARN, derived from the ResultWriter's call. */
class MapRunTest {

  private static final String EXECUTION =
      "arn:aws:states:eu-west-1:123456789012:execution:orders:run-7";

  @Test
  void shouldNameTheMapRunAfterTheMachineAndTheMapStateAsAwsDoes() {
    // when
    MapRun run = MapRun.of(EXECUTION, EXECUTION + "/Process rows@4/ResultWriter#1");

    // then
    assertThat(run.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(run.arn())
        .isEqualTo("arn:aws:states:eu-west-1:123456789012:mapRun:orders/Process rows:" + run.id());
  }

  @Test
  void shouldNameAMapInsideABranchByItsOwnState() {
    // when
    String name = MapRun.stateName(EXECUTION, EXECUTION + "/Fan@2[1]/Inner@3/ResultWriter#2");

    // then
    assertThat(name).isEqualTo("Inner");
  }

  @Test
  void shouldGiveTheSameIdToTheSameCallAndAnotherToARetry() {
    // when
    MapRun first = MapRun.of(EXECUTION, EXECUTION + "/Map@4/ResultWriter#1");
    MapRun again = MapRun.of(EXECUTION, EXECUTION + "/Map@4/ResultWriter#1");
    MapRun retry = MapRun.of(EXECUTION, EXECUTION + "/Map@4/ResultWriter#2");

    // then
    assertThat(again).isEqualTo(first);
    assertThat(retry.id()).isNotEqualTo(first.id());
  }
}
