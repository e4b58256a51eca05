package io.pipeline.ingest.mqtt;

import java.util.Map;
import java.util.Objects;

/**
 * Where the messages of one MQTT topic filter go in Kafka, and how.
 *
 * @param name the mapping's name, used in metrics and logs (the filter when none is given)
 * @param filter the MQTT topic filter the bridge subscribes to
 * @param topic the Kafka topic its messages are written to
 * @param key how the Kafka key is found: a topic level, a payload field or the whole topic
 * @param format what is written: the message in an Avro envelope, or its JSON payload decoded into
 *     the topic's Avro schema
 * @param fields for {@link Format#JSON}: record fields set from the MQTT topic, e.g. {@code
 *     deviceId} from level 1; they override the payload's values, since the topic is what the
 *     broker's access rules vouch for
 */
public record MqttMapping(
    String name,
    MqttTopicFilter filter,
    String topic,
    KeyRule key,
    Format format,
    Map<String, TopicPart> fields) {

  /** What a mapping writes to Kafka. */
  public enum Format {
    /** The Avro {@code MqttMessage} envelope: payload bytes as received, with the metadata. */
    ENVELOPE,
    /** The JSON payload decoded into the topic's Avro schema; undecodable ones are dead letters. */
    JSON
  }

  public MqttMapping {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    fields = Map.copyOf(fields);
    if (format == Format.ENVELOPE && !fields.isEmpty()) {
      throw new IllegalArgumentException("'fields' are only for the json format");
    }
  }

  /** A part of the MQTT topic a message was published to. */
  public sealed interface TopicPart {
    /** This part of the topic, or {@code null} when the topic has no such level. */
    String of(String mqttTopic);

    /**
     * Reads {@code topic} (the whole topic) or {@code level:N} (level N from 0).
     *
     * @throws IllegalArgumentException with what is expected
     */
    static TopicPart parse(String text) {
      if (text.equals("topic")) {
        return new WholeTopic();
      }
      if (text.startsWith("level:")) {
        return new Level(level(text.substring("level:".length()), text));
      }
      throw new IllegalArgumentException(
          "'" + text + "' is not a topic part: expected 'level:N' or 'topic'");
    }
  }

  /** The whole MQTT topic. */
  public record WholeTopic() implements TopicPart, KeyRule {
    @Override
    public String of(String mqttTopic) {
      return mqttTopic;
    }

    @Override
    public String toString() {
      return "topic";
    }
  }

  /** One level of the MQTT topic, from 0. */
  public record Level(int index) implements TopicPart, KeyRule {
    @Override
    public String of(String mqttTopic) {
      return MqttTopicFilter.level(mqttTopic, index).filter(l -> !l.isEmpty()).orElse(null);
    }

    @Override
    public String toString() {
      return "level:" + index;
    }
  }

  /** A top-level field of the JSON payload. */
  public record PayloadField(String field) implements KeyRule {
    @Override
    public String toString() {
      return "field:" + field;
    }
  }

  /** How a message's Kafka key is found. */
  public sealed interface KeyRule {
    /**
     * Reads {@code topic}, {@code level:N} or {@code field:NAME}.
     *
     * @throws IllegalArgumentException with what is expected
     */
    static KeyRule parse(String text) {
      if (text.startsWith("field:") && text.length() > "field:".length()) {
        return new PayloadField(text.substring("field:".length()));
      }
      if (text.startsWith("level:")) {
        return new Level(level(text.substring("level:".length()), text));
      }
      try {
        return (KeyRule) TopicPart.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a key rule: expected 'level:N', 'field:NAME' or 'topic'");
      }
    }
  }

  private static int level(String number, String text) {
    try {
      int level = Integer.parseInt(number);
      if (level >= 0) {
        return level;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + text + "': the level must be a number from 0 (the first topic level)");
  }
}
