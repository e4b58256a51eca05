package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.inspect.Inspection;
import io.pipeline.asl.inspect.InspectionLevel;
import io.pipeline.asl.inspect.StateTest;
import io.pipeline.asl.inspect.StateTestOutcome;
import io.pipeline.asl.inspect.StateTestResult;
import io.pipeline.asl.inspect.StateTester;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.orchestrator.machines.InvalidDefinitionException;
import io.pipeline.orchestrator.machines.StateMachineRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * TestState: the engine tests the state ({@link StateTester}); this reads AWS's request and writes
 * AWS's answer. A test runs nothing outside the engine and writes nothing to Kafka; the context
 * object names a made-up Express execution of a made-up state machine, as Step Functions' does.
 */
final class TestStateAction {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  /** The parts of stateConfiguration that only Map and Parallel states use. */
  private static final List<String> MAP_AND_PARALLEL_CONFIGURATION =
      List.of("errorCausedByState", "mapIterationFailureCount", "mapItemReaderData");

  private final StateMachineRegistry machines;

  TestStateAction(StateMachineRegistry machines) {
    this.machines = machines;
  }

  JsonNode test(JsonNode request) {
    Optional<String> role = Fields.optional(request, "roleArn");
    if (role.isPresent() && !ROLE_ARN.matcher(role.get()).matches()) {
      throw new ApiException(
          "InvalidArn", "Invalid Arn: '" + role.get() + "' is not the ARN of an IAM role");
    }
    if (request.hasNonNull("context")) {
      throw new ApiException(
          "ValidationException",
          "context is not supported yet: the context object names the test's role and a made-up"
              + " execution");
    }
    StateTestOutcome outcome =
        StateTester.test(stateTest(request), identity(role), Instant.now(), seed());
    if (outcome instanceof StateTestOutcome.Refused refused) {
      throw switch (refused.reason()) {
        case INVALID_DEFINITION -> new InvalidDefinitionException(refused.diagnostics());
        case INVALID_INPUT -> new ApiException("InvalidExecutionInput", refused.message());
        case INVALID_REQUEST -> new ApiException("ValidationException", refused.message());
      };
    }
    return answer(((StateTestOutcome.Tested) outcome).result());
  }

  private static StateTest stateTest(JsonNode request) {
    StateTest test =
        StateTest.of(Fields.required(request, "definition"))
            .withInput(Fields.optional(request, "input").orElse("{}"))
            .withInspectionLevel(
                InspectionLevel.valueOf(
                    Fields.optionalEnum(
                            request, "inspectionLevel", List.of("INFO", "DEBUG", "TRACE"))
                        .orElse("INFO")))
            .withRevealSecrets(Fields.optionalBoolean(request, "revealSecrets").orElse(false))
            .withRetrierRetryCount(retrierRetryCount(request));
    test = Fields.optional(request, "stateName").map(test::withStateName).orElse(test);
    test = Fields.optional(request, "variables").map(test::withVariables).orElse(test);
    return mock(request).map(test::withMock).orElse(test);
  }

  private static int retrierRetryCount(JsonNode request) {
    JsonNode configuration = object(request, "stateConfiguration");
    for (String field : MAP_AND_PARALLEL_CONFIGURATION) {
      if (configuration.hasNonNull(field)) {
        throw new ApiException(
            "ValidationException",
            "stateConfiguration."
                + field
                + " applies to Map and Parallel states, which TestState does not test here");
      }
    }
    return Fields.optionalInt(configuration, "retrierRetryCount").orElse(0);
  }

  private static Optional<StateTest.Mock> mock(JsonNode request) {
    if (!request.hasNonNull("mock")) {
      return Optional.empty();
    }
    JsonNode mock = object(request, "mock");
    // Result shapes are not checked against the services' APIs, whatever the mode.
    Fields.optionalEnum(mock, "fieldValidationMode", List.of("STRICT", "PRESENT", "NONE"));
    Optional<StateTest.ErrorOutput> errorOutput =
        mock.hasNonNull("errorOutput")
            ? Optional.of(
                new StateTest.ErrorOutput(
                    Fields.optional(object(mock, "errorOutput"), "error"),
                    Fields.optional(object(mock, "errorOutput"), "cause")))
            : Optional.empty();
    return Optional.of(new StateTest.Mock(Fields.optional(mock, "result"), errorOutput));
  }

  /** An object field, or an empty object when it is missing. */
  private static JsonNode object(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return JSON.createObjectNode();
    }
    if (!value.isObject()) {
      throw new ApiException("SerializationException", "'" + field + "' must be an object");
    }
    return value;
  }

  /** A made-up Express execution of a made-up state machine, as Step Functions' context shows. */
  private ExecutionIdentity identity(Optional<String> role) {
    String machineName = "TestState-" + UUID.randomUUID();
    String machineArn = machines.arnOf(machineName);
    String executionName = UUID.randomUUID().toString();
    return new ExecutionIdentity(
        machineArn.replace(":stateMachine:", ":express:") + ":" + executionName,
        executionName,
        machineArn,
        machineName,
        role.orElse(null),
        true);
  }

  private static long seed() {
    return ThreadLocalRandom.current().nextLong();
  }

  private static JsonNode answer(StateTestResult result) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("status", result.status().name());
    result.output().ifPresent(output -> answer.put("output", output.toString()));
    result.error().ifPresent(error -> answer.put("error", error));
    result.cause().ifPresent(cause -> answer.put("cause", cause));
    result.nextState().ifPresent(next -> answer.put("nextState", next));
    result.inspection().ifPresent(inspection -> answer.set("inspectionData", data(inspection)));
    return answer;
  }

  /** Each document as JSON text, as Step Functions writes them. */
  private static ObjectNode data(Inspection inspection) {
    ObjectNode data = JSON.createObjectNode();
    data.put("input", inspection.input().toString());
    inspection.afterInputPath().ifPresent(v -> data.put("afterInputPath", v.toString()));
    inspection.afterParameters().ifPresent(v -> data.put("afterParameters", v.toString()));
    inspection.afterArguments().ifPresent(v -> data.put("afterArguments", v.toString()));
    inspection.result().ifPresent(v -> data.put("result", v.toString()));
    inspection.afterResultSelector().ifPresent(v -> data.put("afterResultSelector", v.toString()));
    inspection.afterResultPath().ifPresent(v -> data.put("afterResultPath", v.toString()));
    inspection.variables().ifPresent(v -> data.put("variables", v.toString()));
    inspection
        .errorDetails()
        .ifPresent(
            details -> {
              ObjectNode written = data.putObject("errorDetails");
              details.catchIndex().ifPresent(i -> written.put("catchIndex", i));
              details.retryIndex().ifPresent(i -> written.put("retryIndex", i));
              details
                  .retryBackoffIntervalSeconds()
                  .ifPresent(s -> written.put("retryBackoffIntervalSeconds", s));
            });
    return data;
  }
}
