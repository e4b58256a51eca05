package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.ParseResult;
import java.time.Instant;

/** Test harness: runs a definition's text to its end on the virtual clock. */
final class Runs {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private Runs() {}

  static LocalRun.Result run(String definition, String input) {
    ParseResult parsed = DefinitionParser.parse(definition);
    if (!parsed.isValid()) {
      throw new AssertionError("invalid definition: " + parsed.diagnostics());
    }
    return LocalRun.run(
        parsed.stateMachine().orElseThrow(),
        json(input),
        ExecutionIdentity.local("test-machine", "test-execution"),
        START,
        42L);
  }

  /** An execution of a definition, started with an input; its first step is {@code started}. */
  record Started(Execution execution, Step started) {}

  static Started start(String definition, String input) {
    Execution execution =
        Execution.of(DefinitionParser.parse(definition).stateMachine().orElseThrow(), 7L);
    Step step =
        execution.handle(
            new Command.StartExecution(json(input), ExecutionIdentity.local("m", "e"), START));
    return new Started(execution, step);
  }

  /** The first task a step scheduled. */
  static Effect.ScheduleTask scheduled(Step step) {
    return step.effects().stream()
        .filter(Effect.ScheduleTask.class::isInstance)
        .map(Effect.ScheduleTask.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task scheduled in " + step.effects()));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
