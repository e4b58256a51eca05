package io.pipeline.asl.inspect;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to test one state, as TestState takes it. Start from {@link #of} and change what
 * differs from the defaults with the {@code with} methods, each of which returns a copy.
 *
 * @param definition the state's definition, or with {@code stateName} a whole state machine's
 * @param stateName which state of the state machine to test, when the definition is a whole one
 * @param input the state's input, as JSON text
 * @param variables the workflow variables in scope, as the text of a JSON object
 * @param inspectionLevel how much the answer shows
 * @param mock what a Task state's task gives instead of being called
 * @param retrierRetryCount how many times the state has been retried already
 * @param revealSecrets whether secrets an HTTP Task adds may be shown (none can be here yet)
 */
public record StateTest(
    String definition,
    Optional<String> stateName,
    String input,
    Optional<String> variables,
    InspectionLevel inspectionLevel,
    Optional<Mock> mock,
    int retrierRetryCount,
    boolean revealSecrets) {

  public StateTest {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(inspectionLevel, "inspectionLevel");
    Objects.requireNonNull(mock, "mock");
  }

  /**
   * What a Task state's task gives in the test: a result, or an error. Step Functions takes one of
   * the two; the test checks that exactly one is given.
   *
   * @param result the task's result, as JSON text
   * @param errorOutput the task's failure
   */
  public record Mock(Optional<String> result, Optional<ErrorOutput> errorOutput) {

    public Mock {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(errorOutput, "errorOutput");
    }

    /** A task that succeeds with this result (JSON text). */
    public static Mock result(String json) {
      return new Mock(Optional.of(json), Optional.empty());
    }

    /** A task that fails with this error and cause. */
    public static Mock error(String error, String cause) {
      return new Mock(
          Optional.empty(), Optional.of(new ErrorOutput(Optional.of(error), Optional.of(cause))));
    }
  }

  /**
   * A mocked task's failure.
   *
   * @param error the error name (Step Functions requires it)
   * @param cause the cause
   */
  public record ErrorOutput(Optional<String> error, Optional<String> cause) {

    public ErrorOutput {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** A test of a state's definition with the input {@code {}}, at {@link InspectionLevel#INFO}. */
  public static StateTest of(String definition) {
    return new StateTest(
        definition,
        Optional.empty(),
        "{}",
        Optional.empty(),
        InspectionLevel.INFO,
        Optional.empty(),
        0,
        false);
  }

  public StateTest withStateName(String name) {
    return new StateTest(
        definition,
        Optional.of(name),
        input,
        variables,
        inspectionLevel,
        mock,
        retrierRetryCount,
        revealSecrets);
  }

  public StateTest withInput(String json) {
    return new StateTest(
        definition,
        stateName,
        json,
        variables,
        inspectionLevel,
        mock,
        retrierRetryCount,
        revealSecrets);
  }

  public StateTest withVariables(String json) {
    return new StateTest(
        definition,
        stateName,
        input,
        Optional.of(json),
        inspectionLevel,
        mock,
        retrierRetryCount,
        revealSecrets);
  }

  public StateTest withInspectionLevel(InspectionLevel level) {
    return new StateTest(
        definition, stateName, input, variables, level, mock, retrierRetryCount, revealSecrets);
  }

  public StateTest withMock(Mock taskMock) {
    return new StateTest(
        definition,
        stateName,
        input,
        variables,
        inspectionLevel,
        Optional.of(taskMock),
        retrierRetryCount,
        revealSecrets);
  }

  public StateTest withRetrierRetryCount(int count) {
    return new StateTest(
        definition, stateName, input, variables, inspectionLevel, mock, count, revealSecrets);
  }

  public StateTest withRevealSecrets(boolean reveal) {
    return new StateTest(
        definition, stateName, input, variables, inspectionLevel, mock, retrierRetryCount, reveal);
  }
}
