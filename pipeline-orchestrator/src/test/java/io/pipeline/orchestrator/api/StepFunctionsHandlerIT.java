package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.orchestrator.OrchestratorService;
import io.pipeline.orchestrator.Sfn;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** The official AWS SDK's Step Functions client against the orchestrator's API. */
@ExtendWith(LocalStackExtension.class)
class StepFunctionsHandlerIT {

  private static final String ROLE = "arn:aws:iam::000000000000:role/pipeline";
  private static final String DEFINITION =
      "{\"StartAt\": \"Hello\", \"States\": {\"Hello\": {\"Type\": \"Pass\", \"End\": true}}}";

  private static OrchestratorService service;
  private static SfnClient sfn;

  @BeforeAll
  static void start(LocalStack stack, @TempDir Path state) {
    service = OrchestratorService.start(Sfn.settings(stack, state, Map.of()));
    sfn = Sfn.client(service.apiUri());
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  @Test
  void shouldCreateAndDescribeAStateMachineThroughTheAwsSdk() {
    String name = LocalStack.uniqueName("hello");

    CreateStateMachineResponse created =
        sfn.createStateMachine(
            b -> b.name(name).definition(DEFINITION).roleArn(ROLE).type(StateMachineType.STANDARD));
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:" + name);
    assertThat(created.creationDate()).isNotNull();
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.definition()).isEqualTo(DEFINITION);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
  }

  @Test
  void shouldAnswerErrorsAsTheSdksExceptions() {
    String name = LocalStack.uniqueName("taken");
    sfn.createStateMachine(b -> b.name(name).definition(DEFINITION).roleArn(ROLE));

    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(name)
                            .definition(DEFINITION.replace("Hello", "Other"))
                            .roleArn(ROLE)))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name(LocalStack.uniqueName("bad"))
                            .definition("{\"StartAt\": \"Nowhere\", \"States\": {}}")
                            .roleArn(ROLE)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("MISSING_STATES at /States")
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).requestId()).isNotBlank());
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b -> b.name("no spaces").definition(DEFINITION).roleArn(ROLE)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                sfn.describeStateMachine(
                    b ->
                        b.stateMachineArn(
                            "arn:aws:states:us-east-1:000000000000:stateMachine:missing")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }
}
