package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;

/** What a rule whose pattern matched an event asks for. */
public sealed interface TriggerMatch {

  /** The rule that matched. */
  TriggerRule rule();

  /**
   * Start an execution. {@code ExecutionAlreadyExists} for this name means the event was seen
   * before and its execution started then: not an error.
   *
   * @param rule the rule that matched
   * @param input the execution's input
   * @param executionName a valid execution name, the same each time the event comes
   */
  record Start(TriggerRule rule, JsonNode input, String executionName) implements TriggerMatch {}

  /**
   * The event matched but lacks what the rule's input template or execution name reads; no
   * execution can be started for it (a dead letter, for the consumer).
   *
   * @param rule the rule that matched
   * @param reason which field of the template read what
   */
  record Unstartable(TriggerRule rule, String reason) implements TriggerMatch {}
}
