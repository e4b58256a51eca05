package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files a Distributed Map's {@code ResultWriter} writes for its results, laid out as Step
 * Functions lays them out: under {@code <Prefix>/<map run id>/}, the results of each status in
 * {@code SUCCEEDED_0.json}, {@code SUCCEEDED_1.json}..., {@code FAILED_0.json}..., and a {@code
 * manifest.json} naming the bucket, the Map Run and each file with its size.
 *
 * <p>What a result file holds follows {@code WriterConfig.Transformation}: {@code NONE} (the
 * default) an entry per iteration with its {@code Status} and, for one that succeeded, its {@code
 * Output} as JSON text with {@code OutputDetails}; {@code COMPACT} the outputs themselves; {@code
 * FLATTEN} the outputs with arrays spread into their elements. Failed iterations are written as
 * with {@code NONE} whatever the transformation. {@code WriterConfig.OutputType} {@code JSON} (the
 * default) writes a file as one array, {@code JSONL} as a value per line ({@code .jsonl} files).
 *
 * <p>The engine gives the writer the iterations' outputs in item order, with {@code null} where an
 * iteration failed; that is all these files can say. An iteration's input, its error and cause, and
 * the child execution fields of AWS's entries ({@code ExecutionArn}, {@code Name}, dates) are not
 * known here.
 */
final class ResultFiles {

  /** Step Functions' name for a Map whose results could not be written. */
  static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

  /** A result file's status. */
  enum Status {
    FAILED,
    PENDING,
    SUCCEEDED
  }

  /** What a result file holds of each iteration. */
  enum Transformation {
    NONE,
    COMPACT,
    FLATTEN
  }

  /** How a result file is written. */
  enum OutputType {
    JSON,
    JSONL
  }

  /** A {@code WriterConfig}. */
  record WriterConfig(Transformation transformation, OutputType outputType) {

    static final WriterConfig DEFAULT = new WriterConfig(Transformation.NONE, OutputType.JSON);

    /**
     * @param json the field, or a missing node
     * @throws TaskFailure {@code States.ResultWriterFailed} naming what is wrong
     */
    static WriterConfig of(JsonNode json) {
      if (json.isMissingNode()) {
        return DEFAULT;
      }
      if (!json.isObject()) {
        throw failed("WriterConfig must be an object, was " + json);
      }
      json.fieldNames()
          .forEachRemaining(
              name -> {
                if (!Set.of("Transformation", "OutputType").contains(name)) {
                  throw failed("WriterConfig has a field Step Functions does not define: " + name);
                }
              });
      return new WriterConfig(
          value(json, "Transformation", Transformation.class, Transformation.NONE),
          value(json, "OutputType", OutputType.class, OutputType.JSON));
    }

    private static <E extends Enum<E>> E value(
        JsonNode json, String field, Class<E> type, E otherwise) {
      JsonNode value = json.path(field);
      if (value.isMissingNode()) {
        return otherwise;
      }
      for (E option : type.getEnumConstants()) {
        if (option.name().equals(value.asText()) && value.isTextual()) {
          return option;
        }
      }
      throw failed(
          "WriterConfig."
              + field
              + " must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", was "
              + value);
    }
  }

  /** A file to write: its key and its bytes. */
  record File(String key, byte[] body) {}

  /** The result files, then the manifest, which is written last. */
  record Layout(List<File> files, File manifest) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultFiles() {}

  /**
   * Lays out the results.
   *
   * @param results the iterations' outputs in item order, null where one failed
   * @param executions the child executions of a Map Run, by the same index: {@code ExecutionArn},
   *     {@code Input}, {@code Status}, {@code Error}, {@code Cause}; missing when iterations ran
   *     inside the execution
   * @param folder the key prefix of every file, {@code <Prefix>/<map run id>}
   * @param maxFileBytes a result file is split before it passes this (an entry larger than it gets
   *     a file of its own)
   */
  static Layout of(
      JsonNode results,
      JsonNode executions,
      WriterConfig config,
      String bucket,
      String folder,
      String mapRunArn,
      int maxFileBytes) {
    Map<Status, List<JsonNode>> entries = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      entries.put(status, new ArrayList<>());
    }
    for (int i = 0; i < results.size(); i++) {
      JsonNode result = results.get(i);
      JsonNode child = executions.path(i);
      boolean failed =
          child.has("Status")
              ? !Status.SUCCEEDED.name().equals(child.get("Status").asText())
              : result == null || result.isNull();
      if (failed) {
        ObjectNode entry = execution(child);
        if (child.has("Error")) {
          entry.put("Error", child.get("Error").asText());
        }
        if (child.has("Cause")) {
          entry.put("Cause", child.get("Cause").asText());
        }
        entry.put("Status", child.path("Status").asText(Status.FAILED.name()));
        entries.get(Status.FAILED).add(entry);
      } else {
        succeeded(result, child, config.transformation(), entries.get(Status.SUCCEEDED));
      }
    }
    List<File> files = new ArrayList<>();
    ObjectNode manifest = NODES.objectNode();
    manifest.put("DestinationBucket", bucket);
    manifest.put("MapRunArn", mapRunArn);
    ObjectNode listed = manifest.putObject("ResultFiles");
    for (Status status : Status.values()) {
      ArrayNode named = listed.putArray(status.name());
      List<byte[]> bodies = split(entries.get(status), config.outputType(), maxFileBytes);
      for (int i = 0; i < bodies.size(); i++) {
        String extension = config.outputType() == OutputType.JSONL ? ".jsonl" : ".json";
        File file = new File(folder + "/" + status.name() + "_" + i + extension, bodies.get(i));
        files.add(file);
        named.addObject().put("Key", file.key()).put("Size", file.body().length);
      }
    }
    return new Layout(files, new File(folder + "/manifest.json", bytes(manifest)));
  }

  /** A child execution's names and input, as AWS's result entries show them. */
  private static ObjectNode execution(JsonNode child) {
    ObjectNode entry = NODES.objectNode();
    if (child.has("ExecutionArn")) {
      String arn = child.get("ExecutionArn").asText();
      entry.put("ExecutionArn", arn);
      entry.put("Name", arn.substring(arn.lastIndexOf(':') + 1));
      entry.put("Input", child.path("Input").toString());
      entry.putObject("InputDetails").put("Included", true);
    }
    return entry;
  }

  private static void succeeded(
      JsonNode output, JsonNode child, Transformation transformation, List<JsonNode> to) {
    switch (transformation) {
      case NONE -> {
        ObjectNode entry = execution(child);
        entry.put("Output", output.toString());
        entry.putObject("OutputDetails").put("Included", true);
        entry.put("Status", Status.SUCCEEDED.name());
        to.add(entry);
      }
      case COMPACT -> to.add(output);
      case FLATTEN -> {
        if (output.isArray()) {
          output.forEach(to::add);
        } else {
          to.add(output);
        }
      }
    }
  }

  /** The entries as file bodies, each below the size unless one entry alone is larger. */
  private static List<byte[]> split(List<JsonNode> entries, OutputType type, int maxFileBytes) {
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int count = 0;
    for (JsonNode entry : entries) {
      byte[] text = bytes(entry);
      // JSON: brackets and commas; JSONL: a newline after each value.
      int overhead = type == OutputType.JSON ? 2 : 1;
      if (count > 0 && body.size() + text.length + overhead > maxFileBytes) {
        bodies.add(close(body, type));
        body = new ByteArrayOutputStream();
        count = 0;
      }
      if (type == OutputType.JSON) {
        body.write(count == 0 ? '[' : ',');
        body.writeBytes(text);
      } else {
        body.writeBytes(text);
        body.write('\n');
      }
      count++;
    }
    if (count > 0) {
      bodies.add(close(body, type));
    }
    return bodies;
  }

  private static byte[] close(ByteArrayOutputStream body, OutputType type) {
    if (type == OutputType.JSON) {
      body.write(']');
    }
    return body.toByteArray();
  }

  private static byte[] bytes(JsonNode value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always has a text", e);
    }
  }

  static TaskFailure failed(String cause) {
    return new TaskFailure(RESULT_WRITER_FAILED, cause);
  }
}
