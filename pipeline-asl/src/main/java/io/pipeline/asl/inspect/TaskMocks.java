package io.pipeline.asl.inspect;

import io.pipeline.asl.inspect.StateTestOutcome.Refused;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.StateTrial.TaskOutcome;
import io.pipeline.asl.model.ActivityArn;
import io.pipeline.asl.model.IntegrationPattern;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.TaskState;
import java.util.List;
import java.util.Optional;

/**
 * What a state test needs of its task. No task is ever called here: a Task state is tested with a
 * mock of its task's outcome, and refused without one, with what would be needed; no other state
 * takes a mock.
 */
final class TaskMocks {

  /** An HTTP Task's resource. */
  private static final String HTTP_INVOKE = "arn:aws[a-z-]*:states:[a-z0-9-]*:\\d*:http:invoke";

  /**
   * The mocked outcome of a test's task, or why the test is refused.
   *
   * @param outcome what the task gives; empty for a state without a task
   * @param refusal why the test cannot run
   */
  record Reading(Optional<TaskOutcome> outcome, Optional<Refused> refusal) {

    static Reading of(Optional<TaskOutcome> outcome) {
      return new Reading(outcome, Optional.empty());
    }

    static Reading refused(String message) {
      return new Reading(
          Optional.empty(),
          Optional.of(new Refused(Refused.Reason.INVALID_REQUEST, message, List.of())));
    }
  }

  private TaskMocks() {}

  /**
   * Reads the test's mock for its state.
   *
   * @param identity the execution the test runs as: a Task state without a mock needs its role
   */
  static Reading read(StateTest test, State state, ExecutionIdentity identity) {
    if (test.mock().isEmpty()) {
      return state instanceof TaskState task
          ? withoutMock(task, identity)
          : Reading.of(Optional.empty());
    }
    StateTest.Mock mock = test.mock().get();
    if (!(state instanceof TaskState)) {
      return Reading.refused(
          "State type '" + state.typeName() + "' is not supported when a mock is specified");
    }
    if (test.revealSecrets()) {
      return Reading.refused("TestState does not support RevealSecrets when a mock is specified.");
    }
    if (mock.result().isPresent() && mock.errorOutput().isPresent()) {
      return Reading.refused(
          "A test mock should have only one of the following fields: [result, errorOutput].");
    }
    if (mock.result().isEmpty() && mock.errorOutput().isEmpty()) {
      return Reading.refused(
          "A test mock needs one of the following fields: [result, errorOutput]; it has none.");
    }
    if (mock.result().isPresent()) {
      JsonText result = JsonText.read(mock.result().get());
      return result.problem().isPresent()
          ? Reading.refused("The mock's result is not JSON: " + result.problem().get())
          : Reading.of(Optional.of(new TaskOutcome.Succeeded(result.value().orElseThrow())));
    }
    StateTest.ErrorOutput error = mock.errorOutput().get();
    if (error.error().isEmpty()) {
      return Reading.refused("The mock's errorOutput needs an error: it is required there");
    }
    return Reading.of(Optional.of(new TaskOutcome.Failed(error.error(), error.cause())));
  }

  private static Reading withoutMock(TaskState task, ExecutionIdentity identity) {
    String resource = task.resource();
    if (identity.roleArn() == null) {
      return Reading.refused("RoleArn must be specified when testing a Task state");
    }
    if (resource.matches(HTTP_INVOKE)) {
      return Reading.refused(
          "HTTP Task states ('"
              + resource
              + "') cannot be called by TestState here: HTTP Tasks are not supported yet."
              + " Give a mock (result or errorOutput) to test the state's data flow");
    }
    if (ActivityArn.name(resource).isPresent()
        || IntegrationPattern.of(resource) != IntegrationPattern.REQUEST_RESPONSE) {
      return Reading.refused(
          "TestState supports activity tasks and the .sync and .waitForTaskToken service"
              + " integration patterns only when a mock is specified: '"
              + resource
              + "'");
    }
    return Reading.refused(
        "TestState cannot call the Task resource '"
            + resource
            + "': no task integration runs here without side effects yet. Give a mock (result or"
            + " errorOutput) to test the state's data flow");
  }
}
