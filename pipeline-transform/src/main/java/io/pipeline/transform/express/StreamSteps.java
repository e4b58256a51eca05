package io.pipeline.transform.express;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.ConfigException;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.transform.streams.ProcessingGuarantee;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a steps file and validates every step in it, for deployment:
 *
 * <pre>{@code
 * {"steps": [{"name": "normalize-orders", "definition": "normalize-orders.asl.json",
 *             "source": "orders.raw", "sink": "orders.normalized",
 *             "deadLetters": "pipeline.transform.dead-letters",
 *             "processingGuarantee": "at_least_once"}]}
 * }</pre>
 *
 * <p>{@code name} ({@value StreamStep#NAME_PATTERN}, unique), {@code definition} (a file's path,
 * relative to the steps file's folder, or the ASL definition inline as a JSON object), {@code
 * source} and {@code sink} are required; {@code deadLetters} defaults to {@value
 * PipelineTopics#TRANSFORM_DEAD_LETTERS} and {@code processingGuarantee} to {@code at_least_once}
 * (or {@code exactly_once_v2}). Every problem of every step is reported at once, in one {@link
 * ConfigException}.
 */
public final class StreamSteps {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> PROPERTIES =
      Set.of("name", "definition", "source", "sink", "deadLetters", "processingGuarantee");

  /** Kafka's rule for topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private static final String EXAMPLE =
      "{\"steps\": [{\"name\": \"normalize-orders\", \"definition\":"
          + " \"normalize-orders.asl.json\", \"source\": \"orders.raw\", \"sink\":"
          + " \"orders.normalized\"}]}";

  private StreamSteps() {}

  /**
   * Reads the steps of a file and validates their state machines.
   *
   * @param file the steps file (UTF-8 JSON)
   * @return the steps, in the file's order
   * @throws ConfigException naming the file, with every problem found: each says which step, which
   *     property or which state, and what is wrong
   */
  public static List<ExpressStep> load(Path file) {
    JsonNode root = read(file);
    if (!root.isObject() || !root.path("steps").isArray() || root.path("steps").isEmpty()) {
      throw new ConfigException(
          "The steps file "
              + file
              + " must be a JSON object with a non-empty array 'steps', e.g. "
              + EXAMPLE);
    }
    List<String> problems = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("steps")) {
                problems.add("unknown property '" + name + "' (known: steps)");
              }
            });
    Path folder = file.toAbsolutePath().getParent();
    Map<String, Integer> names = new HashMap<>();
    List<ExpressStep> steps = new ArrayList<>();
    JsonNode array = root.get("steps");
    for (int i = 0; i < array.size(); i++) {
      new Entry(file, folder, i, array.get(i), names, problems).read().ifPresent(steps::add);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "The steps file "
              + file
              + " has "
              + (problems.size() == 1 ? "a problem" : problems.size() + " problems")
              + ":\n  - "
              + String.join("\n  - ", problems));
    }
    return List.copyOf(steps);
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "The steps file " + file + " is not valid JSON: " + e.getOriginalMessage() + at(e), e);
    } catch (IOException e) {
      throw new ConfigException("The steps file " + file + " cannot be read: " + ioProblem(e), e);
    }
  }

  /** Where in its text a JSON error is, for messages: {@code " (line 3, column 7)"}. */
  static String at(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String ioProblem(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : e.toString();
  }

  /** One element of {@code steps}, read with its problems. */
  private static final class Entry {
    private final Path file;
    private final Path folder;
    private final int index;
    private final JsonNode json;
    private final Map<String, Integer> names;
    private final List<String> problems;
    private final int problemsBefore;
    private String where;

    Entry(
        Path file,
        Path folder,
        int index,
        JsonNode json,
        Map<String, Integer> names,
        List<String> problems) {
      this.file = file;
      this.folder = folder;
      this.index = index;
      this.json = json;
      this.names = names;
      this.problems = problems;
      this.problemsBefore = problems.size();
      this.where = "steps[" + index + "]";
    }

    Optional<ExpressStep> read() {
      if (!json.isObject()) {
        problem("a step must be a JSON object, e.g. " + EXAMPLE);
        return Optional.empty();
      }
      Optional<String> name = name();
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String property = it.next();
        if (!PROPERTIES.contains(property)) {
          problem("unknown property '" + property + "' (known: " + known() + ")");
        }
      }
      Optional<String> source = topic("source", null);
      Optional<String> sink = topic("sink", null);
      Optional<String> deadLetters = topic("deadLetters", PipelineTopics.TRANSFORM_DEAD_LETTERS);
      distinct(source, sink, deadLetters);
      Optional<ProcessingGuarantee> guarantee = guarantee();
      Optional<Definition> definition = definition();
      Optional<ExpressStepDefinitions.Checked> checked =
          definition.map(
              d ->
                  ExpressStepDefinitions.check(
                      name.orElse("steps[" + index + "]"), d.source(), d.text()));
      checked.ifPresent(c -> problems.addAll(c.problems()));
      if (problems.size() > problemsBefore) {
        return Optional.empty();
      }
      StreamStep step =
          new StreamStep(
              name.orElseThrow(),
              definition.orElseThrow().text(),
              definition.orElseThrow().source(),
              source.orElseThrow(),
              sink.orElseThrow(),
              deadLetters.orElseThrow(),
              guarantee.orElseThrow());
      return Optional.of(new ExpressStep(step, checked.orElseThrow().machine().orElseThrow()));
    }

    private Optional<String> name() {
      Optional<String> name = text("name", null);
      if (name.isEmpty()) {
        return Optional.empty();
      }
      where = "step '" + name.get() + "' (steps[" + index + "])";
      if (!StreamStep.NAME.matcher(name.get()).matches()) {
        problem(
            "'name' must match "
                + StreamStep.NAME_PATTERN
                + ", since it is part of the application id and of processor names");
        return Optional.empty();
      }
      Integer first = names.putIfAbsent(name.get(), index);
      if (first != null) {
        problem("the name is already used by steps[" + first + "]; names must be unique");
        return Optional.empty();
      }
      return name;
    }

    private Optional<String> topic(String property, String fallback) {
      Optional<String> topic = text(property, fallback);
      if (topic.isPresent() && !TOPIC.matcher(topic.get()).matches()) {
        problem(
            "'"
                + property
                + "' must be a topic name: 1 to 249 letters, digits, '.', '_' or '-', not '"
                + topic.get()
                + "'");
        return Optional.empty();
      }
      return topic;
    }

    /** A step that wrote to its own source would run its output again, forever. */
    private void distinct(
        Optional<String> source, Optional<String> sink, Optional<String> deadLetters) {
      if (source.isPresent() && source.equals(sink)) {
        problem("'sink' must differ from 'source', or each output would run again");
      }
      if (source.isPresent() && source.equals(deadLetters)) {
        problem("'deadLetters' must differ from 'source', or each dead letter would run again");
      }
      if (sink.isPresent() && sink.equals(deadLetters)) {
        problem("'deadLetters' must differ from 'sink': the sink holds JSON, dead letters Avro");
      }
    }

    private Optional<ProcessingGuarantee> guarantee() {
      Optional<String> text =
          text("processingGuarantee", ProcessingGuarantee.AT_LEAST_ONCE.config());
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Optional<ProcessingGuarantee> guarantee = ProcessingGuarantee.of(text.get());
      if (guarantee.isEmpty()) {
        problem(
            "'processingGuarantee' must be "
                + ProcessingGuarantee.AT_LEAST_ONCE.config()
                + " or "
                + ProcessingGuarantee.EXACTLY_ONCE_V2.config()
                + ", not '"
                + text.get()
                + "'");
      }
      return guarantee;
    }

    private Optional<Definition> definition() {
      JsonNode value = json.get("definition");
      if (value == null || value.isNull()) {
        problem("'definition' is required: a file's path, or the ASL definition as an object");
        return Optional.empty();
      }
      if (value.isObject()) {
        return Optional.of(
            new Definition(value.toString(), file + " (steps[" + index + "].definition, inline)"));
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        problem("'definition' must be a file's path or the ASL definition as an object");
        return Optional.empty();
      }
      Path path = folder.resolve(value.asText()).normalize();
      try {
        return Optional.of(
            new Definition(Files.readString(path, StandardCharsets.UTF_8), "" + path));
      } catch (IOException e) {
        problem("cannot read the definition file " + path + ": " + ioProblem(e));
        return Optional.empty();
      }
    }

    private Optional<String> text(String property, String fallback) {
      JsonNode value = json.get(property);
      if (value == null || value.isNull()) {
        if (fallback == null) {
          problem("'" + property + "' is required");
        }
        return Optional.ofNullable(fallback);
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        problem("'" + property + "' must be a non-empty string");
        return Optional.empty();
      }
      return Optional.of(value.asText());
    }

    private void problem(String problem) {
      problems.add(where + ": " + problem);
    }

    private static String known() {
      return String.join(", ", new java.util.TreeSet<>(PROPERTIES));
    }
  }

  /** A definition's text and where it was read. */
  private record Definition(String text, String source) {}
}
