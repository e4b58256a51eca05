package io.pipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMetersTest {

  private static final String TEXT =
      """
      # HELP pipeline_orchestrator_express_executions_total Express executions ended, by status
      # TYPE pipeline_orchestrator_express_executions_total counter
      pipeline_orchestrator_express_executions_total{outcome="failed",state_machine="arn:m"} 2.0
      pipeline_orchestrator_express_executions_total{outcome="succeeded",state_machine="arn:m"} 1500.0
      pipeline_orchestrator_express_executions_total{outcome="succeeded",state_machine="arn:m2"} 7.0
      """;

  @Test
  void shouldReadTheSampleWhoseLabelsIncludeTheTags() {
    // when
    double value =
        ServiceMeters.value(
            TEXT,
            "pipeline_orchestrator_express_executions_total",
            Map.of("state_machine", "arn:m", "outcome", "succeeded"));

    // then
    assertThat(value).isEqualTo(1500.0);
  }

  @Test
  void shouldAnswerZeroWhenNoSampleHasTheTags() {
    assertThat(
            ServiceMeters.value(
                TEXT,
                "pipeline_orchestrator_express_executions_total",
                Map.of("state_machine", "arn:other")))
        .isZero();
  }
}
