package io.pipeline.transform.express;

import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.asl.parse.ParseResult;
import io.pipeline.common.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a step's state machine when the step is deployed: the engine's own checks (as
 * CreateStateMachine makes them), then the states a step cannot run ({@link EngineOnlyStates}).
 * Every problem names the step, the definition's file and the state's path, and all of them are
 * reported at once.
 */
public final class ExpressStepDefinitions {

  private ExpressStepDefinitions() {}

  /**
   * What checking one definition found.
   *
   * @param machine the state machine, present when there is no problem
   * @param problems every problem, each a sentence that says where
   */
  record Checked(Optional<StateMachine> machine, List<String> problems) {

    Checked {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The step's state machine, validated.
   *
   * @throws ConfigException listing every problem of the definition
   */
  public static StateMachine validate(StreamStep step) {
    Checked checked = check(step.name(), step.definitionSource(), step.definition());
    if (!checked.problems().isEmpty()) {
      throw new ConfigException(
          "The definition of express step '"
              + step.name()
              + "' is not valid:\n  - "
              + String.join("\n  - ", checked.problems()));
    }
    return checked.machine().orElseThrow();
  }

  /**
   * Checks a definition.
   *
   * @param step the step's name, for messages
   * @param source where the definition was read, for messages
   * @param definition its text
   */
  static Checked check(String step, String source, String definition) {
    String where = "step '" + step + "', definition " + source;
    ParseResult parsed = DefinitionParser.parse(definition);
    List<String> problems = new ArrayList<>();
    for (Diagnostic diagnostic : parsed.diagnostics()) {
      if (diagnostic.severity() == Diagnostic.Severity.ERROR) {
        problems.add(
            where
                + ", at "
                + (diagnostic.location().isEmpty() ? "/" : diagnostic.location())
                + ": "
                + diagnostic.code()
                + ": "
                + diagnostic.message());
      }
    }
    if (parsed.stateMachine().isEmpty()) {
      return new Checked(Optional.empty(), problems);
    }
    for (EngineOnlyStates.Refusal refusal :
        EngineOnlyStates.refusals(parsed.stateMachine().get())) {
      problems.add(
          where
              + ", state '"
              + refusal.state()
              + "' at "
              + refusal.pointer()
              + ": "
              + refusal.problem());
    }
    return new Checked(problems.isEmpty() ? parsed.stateMachine() : Optional.empty(), problems);
  }
}
