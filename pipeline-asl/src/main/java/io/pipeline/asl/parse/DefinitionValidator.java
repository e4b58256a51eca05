package io.pipeline.asl.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.model.QueryLanguage;
import java.util.List;

/**
 * Checks a definition as AWS's {@code ValidateStateMachineDefinition} does, and reports every
 * problem at once, each with a stable code from {@link DiagnosticCodes} and its location as a JSON
 * Pointer, e.g. {@code /States/M/ItemProcessor/States/X/Next}.
 *
 * <p>What it checks:
 *
 * <ul>
 *   <li>the fields of each state machine, state, retrier, catcher and JSONata choice rule against a
 *       table per state type and query language: unknown fields, fields of other state types
 *       (Resource on a Pass), fields of the other query language (InputPath in a JSONata state,
 *       Output in a JSONPath one); a state's query language is its own {@code QueryLanguage}, else
 *       that of the state machine or state around it, else JSONPath;
 *   <li>the required fields: StartAt, States, Type, Next or End, Choices, Branches, ItemProcessor,
 *       Resource;
 *   <li>transitions: StartAt, Next, Default and the catchers' and choice rules' Next must name a
 *       state of their own state machine (a branch's states move only to each other); every state
 *       must be reachable from StartAt, and some state must end the machine;
 *   <li>JSONPath: every path field, and every {@code .$} field of Parameters, ItemSelector,
 *       ResultSelector and Assign, at any depth, with intrinsic calls parsed; JSONPath choice
 *       rules;
 *   <li>JSONata: templates must be well formed ({@code {% ... %}});
 *   <li>Retry and Catch: ErrorEquals, States.ALL alone and last, reserved {@code States.} names,
 *       the ranges of MaxAttempts, IntervalSeconds, BackoffRate, MaxDelaySeconds, JitterStrategy;
 *   <li>fields that exclude each other (TimeoutSeconds and TimeoutSecondsPath...), a heartbeat not
 *       below the timeout, a Wait with not exactly one duration;
 *   <li>nested state machines, recursively, and a definition over 1 MiB.
 * </ul>
 *
 * <p>Decisions about AWS's behaviour: an unreachable state is an ERROR ({@link
 * DiagnosticCodes#UNREACHABLE_STATE}), since AWS refuses to create such a state machine; a
 * payload-template value that looks like a path but whose field lacks {@code .$} is a WARNING
 * ({@link DiagnosticCodes#NO_DOLLAR}), as in AWS. JSONata expressions are only checked for their
 * {@code {% %}} delimiters, not compiled.
 */
public final class DefinitionValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DefinitionValidator() {}

  /**
   * Validates a definition.
   *
   * @param definition the definition as JSON; {@code null} or a non-object is itself a problem
   * @return every problem found, errors and warnings, in the order of the definition; empty when
   *     the definition is valid
   */
  public static List<Diagnostic> validate(JsonNode definition) {
    Findings findings = new Findings();
    if (definition == null || definition.isMissingNode()) {
      findings.error(DiagnosticCodes.NOT_AN_OBJECT, "the definition is missing", "");
      return findings.list();
    }
    if (size(definition) > DefinitionParser.MAX_DEFINITION_BYTES) {
      findings.error(
          DiagnosticCodes.DEFINITION_TOO_LARGE, "the definition is larger than 1 MiB", "");
    }
    new MachineValidator(findings)
        .validate(definition, "", QueryLanguage.JSONPATH, MachineKind.TOP_LEVEL);
    return findings.list();
  }

  /**
   * Validates the definition of one state on its own, as TestState takes it: the same checks as for
   * a state of a state machine, but its {@code Next}, {@code Default} and catchers may name any
   * state, since the states around it are not given.
   *
   * @param state the state's definition
   * @param name the name the state goes by
   * @return every problem found, with JSON Pointers into the state's definition ({@code ""} for the
   *     state itself, e.g. {@code /Catch/0/ErrorEquals})
   */
  public static List<Diagnostic> validateState(JsonNode state, String name) {
    Findings findings = new Findings();
    if (size(state) > DefinitionParser.MAX_DEFINITION_BYTES) {
      findings.error(
          DiagnosticCodes.DEFINITION_TOO_LARGE, "the definition is larger than 1 MiB", "");
    }
    new MachineValidator(findings).validateState(name, state);
    return findings.list();
  }

  /** The size of the definition written as compact JSON, in UTF-8 bytes. */
  private static long size(JsonNode definition) {
    try {
      return JSON.writeValueAsBytes(definition).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
