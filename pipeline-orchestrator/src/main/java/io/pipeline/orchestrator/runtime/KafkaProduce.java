package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.model.IntegrationPattern;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka produce integration, {@value #RESOURCE} (and {@code .waitForTaskToken}): a record the
 * Task's Parameters describe ({@code Topic}, {@code Value}, optional {@code Key} and {@code
 * Headers}), written in the Kafka transaction that decided it, so it is produced exactly when the
 * state transition happens. The result is {@code {"Topic": ..., "Key": ...}} at once; with {@code
 * .waitForTaskToken} the task waits for a callback, the token being passed in the record (e.g.
 * {@code "Value": {"token.$": "$$.Task.Token"}}).
 */
final class KafkaProduce {

  /** The resource of a Task that produces a record. */
  static final String RESOURCE = "arn:aws:states:::kafka:produce";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A record to produce. */
  record Produced(String topic, String key, byte[] value, RecordHeaders headers) {}

  /** Why a produce was refused: the error name and cause the Task sees. */
  record Refusal(String error, String cause) {}

  private KafkaProduce() {}

  /** Whether a Task resource produces a record. */
  static boolean serves(String resource) {
    return resource.equals(RESOURCE) || resource.equals(RESOURCE + ".waitForTaskToken");
  }

  /** Whether the task waits for a callback after the record is written. */
  static boolean waitsForCallback(String resource) {
    return IntegrationPattern.of(resource) == IntegrationPattern.WAIT_FOR_TASK_TOKEN;
  }

  /**
   * The record a Task's effective input describes, or why it cannot be produced.
   *
   * @param reserved whether a topic is the pipeline's own, which Tasks may not write
   */
  static Object record(
      JsonNode input,
      java.util.function.Predicate<String> reserved,
      java.util.function.Predicate<String> exists) {
    JsonNode topic = input.get("Topic");
    if (topic == null || !topic.isTextual() || topic.asText().isEmpty()) {
      return new Refusal("States.Runtime", "The Kafka produce needs 'Topic', a topic name");
    }
    String name = topic.asText();
    if (reserved.test(name)) {
      return new Refusal(
          "Kafka.InvalidTopicException",
          "The topic '" + name + "' is the pipeline's own; Tasks may not write to it");
    }
    if (!exists.test(name)) {
      return new Refusal(
          "Kafka.UnknownTopicOrPartitionException", "The topic '" + name + "' does not exist");
    }
    JsonNode value = input.get("Value");
    if (value == null) {
      return new Refusal("States.Runtime", "The Kafka produce needs 'Value'");
    }
    JsonNode key = input.get("Key");
    if (key != null && !key.isTextual() && !key.isNull()) {
      return new Refusal("States.Runtime", "The Kafka produce's 'Key' must be a string");
    }
    RecordHeaders headers = new RecordHeaders();
    JsonNode given = input.path("Headers");
    if (!given.isMissingNode() && !given.isObject()) {
      return new Refusal("States.Runtime", "The Kafka produce's 'Headers' must be an object");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> header = fields.next();
      String text =
          header.getValue().isTextual() ? header.getValue().asText() : header.getValue().toString();
      headers.add(header.getKey(), text.getBytes(StandardCharsets.UTF_8));
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return new Produced(
        name,
        key == null || key.isNull() ? null : key.asText(),
        text.getBytes(StandardCharsets.UTF_8),
        headers);
  }

  /** The result of a produce that waits for no callback. */
  static ObjectNode result(Produced produced) {
    ObjectNode result = NODES.objectNode();
    result.put("Topic", produced.topic());
    Optional.ofNullable(produced.key()).ifPresent(key -> result.put("Key", key));
    return result;
  }
}
