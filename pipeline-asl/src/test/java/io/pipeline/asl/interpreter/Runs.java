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

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
