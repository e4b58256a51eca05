package io.pipeline.asl.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.interpreter.ExecutionIdentity;
import io.pipeline.asl.interpreter.HistoryEvent;
import io.pipeline.asl.interpreter.LocalRun;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a file of recorded executions (one JSON object a line, in the format of the conformance
 * corpus) through the engine on a virtual clock and compares each outcome with the recording:
 * status, error, output (with masks) and history; a differing cause is a warning. Prints one line
 * per failing case and ends with {@code N passed, M failed}.
 */
public final class ConformanceRunner {

  /** The virtual time every execution starts at. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean verbose;

  /**
   * @param out where the report goes
   * @param verbose whether to print a line per cause warning too
   */
  public ConformanceRunner(PrintWriter out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  /**
   * The totals of a run.
   *
   * @param passed cases that passed
   * @param failed cases that failed
   * @param causeWarnings passed cases whose cause differed
   */
  public record Summary(int passed, int failed, int causeWarnings) {}

  /** Runs every case the reader holds. */
  public Summary run(BufferedReader lines) {
    int passed = 0;
    int failed = 0;
    int warnings = 0;
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Verdict verdict = judge(line, number);
        if (verdict.problems().isEmpty()) {
          passed++;
          if (verdict.causeWarning().isPresent()) {
            warnings++;
            if (verbose) {
              out.println("WARN " + verdict.id() + ": " + verdict.causeWarning().get());
            }
          }
        } else {
          failed++;
          out.println("FAIL " + verdict.id() + ": " + String.join("; ", verdict.problems()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the cases", e);
    }
    out.println(warnings + " passed with a differing cause (warnings)");
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    return new Summary(passed, failed, warnings);
  }

  private record Verdict(String id, List<String> problems, Optional<String> causeWarning) {}

  private Verdict judge(String line, int number) {
    JsonNode json;
    try {
      json = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new Verdict(
          "line " + number, List.of("not JSON: " + e.getOriginalMessage()), Optional.empty());
    }
    String id = json.path("id").asText("line " + number);
    try {
      JsonNode input =
          json.hasNonNull("input_raw")
              ? JSON.readTree(json.get("input_raw").asText())
              : JSON.createObjectNode();
      return judge(ConformanceCase.of(json, input), number);
    } catch (JsonProcessingException e) {
      return new Verdict(
          id, List.of("input_raw is not JSON: " + e.getOriginalMessage()), Optional.empty());
    } catch (RuntimeException e) {
      return new Verdict(id, List.of("engine failure: " + e), Optional.empty());
    }
  }

  private Verdict judge(ConformanceCase testCase, int number) {
    ParseResult parsed = DefinitionParser.parse(testCase.definition());
    if (parsed.stateMachine().isEmpty()) {
      return new Verdict(
          testCase.id(), List.of("definition rejected: " + parsed.diagnostics()), Optional.empty());
    }
    LocalRun.Result result =
        LocalRun.run(
            parsed.stateMachine().get(),
            testCase.input(),
            "EXPRESS".equals(testCase.stateMachineType())
                ? ExecutionIdentity.localExpress(
                    "conformance", "case-" + number, "run-" + number, false)
                : ExecutionIdentity.local("conformance", "case-" + number),
            START,
            number);
    if (result.outside().isPresent()) {
      return new Verdict(
          testCase.id(),
          List.of(
              "asked for "
                  + LocalRun.describe(result.outside().get())
                  + ", which a local run cannot carry out"),
          Optional.empty());
    }
    JsonNode expected = testCase.expected();
    List<String> problems = new ArrayList<>();
    String status = result.execution().status().name();
    if (!status.equals(expected.path("status").asText())) {
      problems.add(
          "status "
              + status
              + ", expected "
              + expected.path("status").asText()
              + result
                  .execution()
                  .error()
                  .map(e -> " (" + e + ": " + result.execution().cause().orElse("") + ")")
                  .orElse(""));
    }
    Map<String, Map<String, Pattern>> masks = masks(expected);
    if (expected.has("output") && status.equals("SUCCEEDED")) {
      problems.addAll(
          Comparison.differences(
              expected.get("output"),
              result.execution().output().orElse(null),
              masks.getOrDefault("output", Map.of())));
    }
    Optional<String> causeWarning = Optional.empty();
    if (expected.path("status").asText().equals("FAILED") && status.equals("FAILED")) {
      String expectedError = expected.hasNonNull("error") ? expected.get("error").asText() : "";
      String actualError = result.execution().error().orElse("");
      if (!expectedError.equals(actualError)) {
        problems.add("error '" + actualError + "', expected '" + expectedError + "'");
      }
      String expectedCause = expected.hasNonNull("cause") ? expected.get("cause").asText() : "";
      String actualCause = result.execution().cause().orElse("");
      Pattern causeMask = masks.getOrDefault("cause", Map.of()).get("");
      boolean causeMatches =
          masks.getOrDefault("cause", Map.of()).containsKey("")
              ? causeMask == null || causeMask.matcher(actualCause).matches()
              : expectedCause.equals(actualCause);
      if (!causeMatches) {
        causeWarning = Optional.of("cause '" + actualCause + "', expected '" + expectedCause + "'");
      }
    }
    testCase
        .history()
        .ifPresent(h -> compareHistory(h, result.history(), testCase.historyOrder(), problems));
    return new Verdict(testCase.id(), problems, causeWarning);
  }

  private static void compareHistory(
      List<String> expected, List<HistoryEvent> events, String order, List<String> problems) {
    List<String> actual = events.stream().map(HistoryEvent::type).toList();
    boolean same =
        switch (order) {
          case "exact" -> expected.equals(actual);
          case "concurrent" ->
              !actual.isEmpty()
                  && expected.get(0).equals(actual.get(0))
                  && expected.get(expected.size() - 1).equals(actual.get(actual.size() - 1))
                  && counts(expected).equals(counts(actual));
          default -> counts(expected).equals(counts(actual));
        };
    if (!same) {
      problems.add("history (" + order + ") " + actual + ", expected " + expected);
    }
  }

  private static Map<String, Integer> counts(List<String> types) {
    Map<String, Integer> counts = new HashMap<>();
    types.forEach(t -> counts.merge(t, 1, Integer::sum));
    return counts;
  }

  private static Map<String, Map<String, Pattern>> masks(JsonNode expected) {
    Map<String, Map<String, Pattern>> masks = new HashMap<>();
    for (JsonNode mask : expected.path("masked")) {
      Pattern pattern =
          mask.path("whole_value").asBoolean(false)
              ? null
              : Pattern.compile(mask.path("regex").asText());
      masks
          .computeIfAbsent(mask.path("field").asText(), f -> new HashMap<>())
          .put(mask.path("pointer").asText(), pattern);
    }
    return masks;
  }
}
