package io.pipeline.asl.inspect;

import static io.pipeline.asl.inspect.Trials.debug;
import static io.pipeline.asl.inspect.Trials.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TestState of a failing state: Catch gives CAUGHT_ERROR, Retry RETRIABLE, neither FAILED. */
class ErrorHandlingStateTestTest {

  private static String task(String errorHandling) {
    return """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, %s}
        """
        .formatted(errorHandling);
  }

  private static final String RETRY_THEN_CATCH =
      task(
          """
          "Retry": [{"ErrorEquals": ["Other"]},
                    {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 3, "BackoffRate": 2,
                     "MaxAttempts": 2}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}]
          """);

  @Test
  void shouldGoToTheCatchersNextWithItsResultPathWhenACatcherTakesTheError() {
    StateTestResult result =
        debug(
            StateTest.of(
                    task(
                        """
                        "Catch": [{"ErrorEquals": ["Other"], "Next": "Elsewhere"},
                                  {"ErrorEquals": ["Custom"], "ResultPath": "$.err", "Next": "Handle"}]
                        """))
                .withInput("{\"a\": 1}")
                .withMock(StateTest.Mock.error("Custom", "it broke")));

    assertThat(result.status()).isEqualTo(TestStatus.CAUGHT_ERROR);
    assertThat(result.error()).hasValue("Custom");
    assertThat(result.cause()).hasValue("it broke");
    assertThat(result.nextState()).hasValue("Handle");
    assertThat(result.output())
        .hasValue(json("{\"a\": 1, \"err\": {\"Error\": \"Custom\", \"Cause\": \"it broke\"}}"));
    Inspection.ErrorDetails details =
        result.inspection().orElseThrow().errorDetails().orElseThrow();
    assertThat(details.catchIndex()).hasValue(1);
    assertThat(details.retryIndex()).isEmpty();
  }

  @Test
  void shouldBeRetriableWhenARetrierTakesTheError() {
    StateTestResult result =
        debug(StateTest.of(RETRY_THEN_CATCH).withMock(StateTest.Mock.error("Lambda.Unknown", "x")));

    assertThat(result.status()).isEqualTo(TestStatus.RETRIABLE);
    assertThat(result.error()).hasValue("Lambda.Unknown");
    assertThat(result.cause()).hasValue("x");
    assertThat(result.output()).isEmpty();
    assertThat(result.nextState()).isEmpty();
    Inspection.ErrorDetails details =
        result.inspection().orElseThrow().errorDetails().orElseThrow();
    assertThat(details.retryIndex()).hasValue(1);
    assertThat(details.retryBackoffIntervalSeconds()).hasValue(3L);
    assertThat(details.catchIndex()).isEmpty();
  }

  @Test
  void shouldBackOffLongerAfterTheRetriesAlreadyDone() {
    StateTestResult result =
        debug(
            StateTest.of(RETRY_THEN_CATCH)
                .withMock(StateTest.Mock.error("Lambda.Unknown", "x"))
                .withRetrierRetryCount(1));

    assertThat(result.status()).isEqualTo(TestStatus.RETRIABLE);
    assertThat(
            result
                .inspection()
                .orElseThrow()
                .errorDetails()
                .orElseThrow()
                .retryBackoffIntervalSeconds())
        .hasValue(6L);
  }

  @Test
  void shouldGoToTheCatcherOnceTheRetrierIsExhausted() {
    StateTestResult result =
        debug(
            StateTest.of(RETRY_THEN_CATCH)
                .withMock(StateTest.Mock.error("Lambda.Unknown", "x"))
                .withRetrierRetryCount(2));

    assertThat(result.status()).isEqualTo(TestStatus.CAUGHT_ERROR);
    assertThat(result.nextState()).hasValue("Handle");
    assertThat(result.output())
        .hasValue(json("{\"error\": {\"Error\": \"Lambda.Unknown\", \"Cause\": \"x\"}}"));
  }

  @Test
  void shouldFailWhenNeitherARetrierNorACatcherTakesTheError() {
    StateTestResult result =
        debug(
            StateTest.of(task("\"Retry\": [{\"ErrorEquals\": [\"Other\"]}]"))
                .withMock(StateTest.Mock.error("Custom", "it broke")));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("Custom");
    assertThat(result.cause()).hasValue("it broke");
    assertThat(result.output()).isEmpty();
    assertThat(result.inspection().orElseThrow().errorDetails()).isEmpty();
  }

  @Test
  void shouldNotLetStatesAllCatchARuntimeError() {
    StateTestResult result =
        debug(
            StateTest.of(
                    task(
                        """
                        "ResultSelector": {"x.$": "$.nothing"},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}]
                        """))
                .withMock(StateTest.Mock.result("{\"something\": 1}")));

    assertThat(result.status()).isEqualTo(TestStatus.FAILED);
    assertThat(result.error()).hasValue("States.Runtime");
    assertThat(result.cause()).hasValueSatisfying(c -> assertThat(c).contains("'$.nothing'"));
    assertThat(result.inspection().orElseThrow().result()).hasValue(json("{\"something\": 1}"));
  }

  @Test
  void shouldTakeAJsonataCatchersOutputAndAssignments() {
    StateTestResult result =
        debug(
            StateTest.of(
                    """
                    {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                     "End": true,
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle",
                                "Output": {"e": "{% $states.errorOutput.Error %}"},
                                "Assign": {"failed": true}}]}
                    """)
                .withMock(StateTest.Mock.error("Boom", "why")));

    assertThat(result.status()).isEqualTo(TestStatus.CAUGHT_ERROR);
    assertThat(result.output()).hasValue(json("{\"e\": \"Boom\"}"));
    assertThat(result.inspection().orElseThrow().variables()).hasValue(json("{\"failed\": true}"));
    assertThat(result.inspection().orElseThrow().afterArguments()).hasValue(json("{}"));
  }
}
