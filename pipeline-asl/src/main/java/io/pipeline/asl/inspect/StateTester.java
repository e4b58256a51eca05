package io.pipeline.asl.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.inspect.StateTestOutcome.Refused;
import io.pipeline.asl.inspect.StateTestOutcome.Tested;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.StateTrial;
import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.PassState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.asl.parse.ParseResult;
import io.pipeline.asl.parse.Pointers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tests one state as Step Functions' TestState does: it checks the request, runs the state through
 * the interpreter ({@link StateTrial}, so the state runs as it would in an execution) and tells how
 * it ended: SUCCEEDED with its output and next state, FAILED with the error and cause, CAUGHT_ERROR
 * when a catcher took its failure (the output is the catcher's, the next state the catcher's {@code
 * Next}), RETRIABLE when a retrier did. A Wait state does not wait. Task states run with a mock of
 * their task's outcome (see {@link StateTest.Mock}); Map and Parallel states are refused, as the
 * first TestState refused them.
 */
public final class StateTester {

  /** The name a state tested on its own goes by; Step Functions' context object shows it. */
  public static final String LONE_STATE_NAME = "StateName";

  /** The diagnostic code of a state of a type TestState does not test (Map, Parallel). */
  public static final String NOT_TESTABLE = "STATE_TYPE_NOT_TESTABLE";

  private StateTester() {}

  /**
   * Tests a state.
   *
   * @param identity the execution the context object names; its role is the test's, {@code null}
   *     when none was given
   * @param time when the state is entered
   * @param seed the seed of the state's randomness ({@code States.UUID}, {@code $random()})
   * @return the result, or why the test is refused
   */
  public static StateTestOutcome test(
      StateTest test, ExecutionIdentity identity, Instant time, long seed) {
    ParseResult parsed =
        test.stateName().isPresent()
            ? DefinitionParser.parse(test.definition())
            : DefinitionParser.parseState(test.definition(), LONE_STATE_NAME);
    if (!parsed.isValid()) {
      List<Diagnostic> errors =
          parsed.diagnostics().stream()
              .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
              .toList();
      return refused(Refused.Reason.INVALID_DEFINITION, joined(errors), errors);
    }
    String name = test.stateName().orElse(LONE_STATE_NAME);
    StateMachine whole = parsed.stateMachine().orElseThrow();
    if (!whole.states().containsKey(name)) {
      return refused(
          Refused.Reason.INVALID_REQUEST,
          "stateName '" + name + "' names no state at the top level of the definition",
          List.of());
    }
    StateMachine machine =
        new StateMachine(
            name, whole.states(), whole.queryLanguage(), whole.timeoutSeconds(), whole.json());
    State state = machine.state(name);
    if (state instanceof MapState || state instanceof ParallelState) {
      String at = test.stateName().map(n -> Pointers.field("/States", n)).orElse("");
      List<Diagnostic> notTestable =
          List.of(
              Diagnostic.error(
                  NOT_TESTABLE,
                  "TestState does not test Map or Parallel states; it tests Task, Wait, Pass,"
                      + " Succeed, Fail and Choice states",
                  Pointers.field(at, "Type")));
      return refused(Refused.Reason.INVALID_DEFINITION, joined(notTestable), notTestable);
    }
    return run(test, machine, identity, time, seed);
  }

  /** Reads the input, the variables and the mock, and runs the state. */
  private static StateTestOutcome run(
      StateTest test, StateMachine machine, ExecutionIdentity identity, Instant time, long seed) {
    JsonText input = JsonText.read(test.input());
    if (input.problem().isPresent()) {
      return refused(
          Refused.Reason.INVALID_INPUT,
          "Invalid State Machine Execution Input: " + input.problem().get(),
          List.of());
    }
    Map<String, JsonNode> variables = new HashMap<>();
    if (test.variables().isPresent()) {
      JsonText read = JsonText.read(test.variables().get());
      if (read.value().isEmpty() || !read.value().get().isObject()) {
        return refused(
            Refused.Reason.INVALID_INPUT,
            "Invalid variables: they must be a JSON object of the variables by name, "
                + read.problem()
                    .map(p -> "not JSON: " + p)
                    .orElseGet(() -> "not " + read.value().get()),
            List.of());
      }
      read.value().get().fields().forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
    }
    if (test.retrierRetryCount() < 0) {
      return refused(
          Refused.Reason.INVALID_REQUEST,
          "retrierRetryCount must not be negative: " + test.retrierRetryCount(),
          List.of());
    }
    State state = machine.state(machine.startAt());
    TaskMocks.Reading task = TaskMocks.read(test, state, identity);
    if (task.refusal().isPresent()) {
      return task.refusal().get();
    }
    JsonNode stateInput = input.value().orElseThrow();
    InspectionRecorder recorder = new InspectionRecorder();
    StateTrial.Outcome outcome =
        StateTrial.run(
            machine,
            new StateTrial.Setup(
                stateInput,
                variables,
                identity,
                time,
                seed,
                task.outcome(),
                test.retrierRetryCount()),
            recorder);
    Optional<Inspection> inspection =
        test.inspectionLevel() == InspectionLevel.INFO
            ? Optional.empty()
            : Optional.of(recorder.inspection(stateInput, outcome.variables(), resultOnly(state)));
    return new Tested(result(outcome, recorder, inspection));
  }

  private static StateTestResult result(
      StateTrial.Outcome outcome, InspectionRecorder recorder, Optional<Inspection> inspection) {
    Optional<StateFailure> handled = recorder.handledFailure();
    Optional<String> handledError = handled.map(StateFailure::error).filter(e -> !e.isEmpty());
    Optional<String> handledCause = handled.map(StateFailure::cause).filter(c -> !c.isEmpty());
    if (recorder.retrying()) {
      return new StateTestResult(
          TestStatus.RETRIABLE,
          Optional.empty(),
          handledError,
          handledCause,
          Optional.empty(),
          inspection);
    }
    if (outcome.failed()) {
      return new StateTestResult(
          TestStatus.FAILED,
          Optional.empty(),
          outcome.error().filter(e -> !e.isEmpty()),
          outcome.cause().filter(c -> !c.isEmpty()),
          Optional.empty(),
          inspection);
    }
    if (recorder.caught()) {
      return new StateTestResult(
          TestStatus.CAUGHT_ERROR,
          outcome.output(),
          handledError,
          handledCause,
          outcome.nextState(),
          inspection);
    }
    return new StateTestResult(
        TestStatus.SUCCEEDED,
        outcome.output(),
        Optional.empty(),
        Optional.empty(),
        outcome.nextState(),
        inspection);
  }

  /**
   * Whether the state's result is given rather than made from its input: Step Functions shows a
   * Pass state with {@code Result} (and no {@code Parameters}) by its result alone.
   */
  private static boolean resultOnly(State state) {
    return state instanceof PassState pass
        && pass.result().isPresent()
        && pass.io().parameters().isEmpty();
  }

  private static String joined(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("; "));
  }

  private static Refused refused(
      Refused.Reason reason, String message, List<Diagnostic> diagnostics) {
    return new Refused(reason, message, diagnostics);
  }
}
