package io.pipeline.asl.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrationPatternTest {

  @Test
  void shouldTellTheRunAJobPatternByItsSyncSuffixWithOrWithoutVersion() {
    assertThat(IntegrationPattern.of("arn:aws:states:::states:startExecution.sync"))
        .isEqualTo(IntegrationPattern.RUN_A_JOB);
    assertThat(IntegrationPattern.of("arn:aws:states:::states:startExecution.sync:2"))
        .isEqualTo(IntegrationPattern.RUN_A_JOB);
  }

  @Test
  void shouldTellTheCallbackPatternByItsWaitForTaskTokenSuffix() {
    assertThat(IntegrationPattern.of("arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
        .isEqualTo(IntegrationPattern.WAIT_FOR_TASK_TOKEN);
  }

  @Test
  void shouldTakeAnyOtherResourceAsRequestResponse() {
    assertThat(IntegrationPattern.of("arn:aws:states:::lambda:invoke"))
        .isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
    assertThat(IntegrationPattern.of("arn:aws:states:::ecs:runTask.synchronous"))
        .isEqualTo(IntegrationPattern.REQUEST_RESPONSE);
  }
}
