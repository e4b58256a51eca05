package io.pipeline.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.config.ConfigException;
import io.pipeline.ingest.mqtt.MqttMapping.Format;
import io.pipeline.ingest.mqtt.MqttMapping.KeyRule;
import io.pipeline.ingest.mqtt.MqttMapping.TopicPart;
import io.pipeline.schemas.json.JsonSetting;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bridge's mappings from JSON: an array of objects with {@code filter} (required), {@code
 * name}, {@code topic} (default {@value PipelineTopics#MQTT_MESSAGES}), {@code key} (default {@code
 * topic}), {@code format} ({@code envelope} or {@code json}) and {@code fields}. Every mistake is
 * reported with the setting, the mapping's position and the property at fault.
 */
final class MqttMappings {

  private static final Set<String> PROPERTIES =
      Set.of("name", "filter", "topic", "key", "format", "fields");

  private MqttMappings() {}

  /**
   * @param setting the setting's name, for messages
   * @param value the JSON array, or {@code @path} of a file holding it
   */
  static List<MqttMapping> parse(String setting, String value) {
    JsonNode array = JsonSetting.read(setting, value);
    if (!array.isArray()) {
      throw new ConfigException(
          "Setting " + setting + " must be a JSON array of mappings, e.g. " + example());
    }
    List<MqttMapping> mappings = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = setting + "[" + i + "]";
      try {
        mappings.add(mapping(array.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("Setting " + where + ": " + e.getMessage(), e);
      }
    }
    checkDistinct(setting, mappings);
    return mappings;
  }

  private static MqttMapping mapping(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("a mapping must be a JSON object, e.g. " + example());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PROPERTIES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown property '" + name + "' (known: " + String.join(", ", sorted()) + ")");
      }
    }
    MqttTopicFilter filter = new MqttTopicFilter(text(node, "filter", null));
    Format format = format(text(node, "format", "envelope"));
    Map<String, TopicPart> fields = new LinkedHashMap<>();
    JsonNode fieldsNode = node.path("fields");
    if (!fieldsNode.isMissingNode()) {
      if (!fieldsNode.isObject()) {
        throw new IllegalArgumentException(
            "'fields' must be an object of field name to 'level:N' or 'topic'");
      }
      fieldsNode
          .fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isTextual()) {
                  throw new IllegalArgumentException(
                      "fields." + f.getKey() + " must be a string: 'level:N' or 'topic'");
                }
                fields.put(f.getKey(), TopicPart.parse(f.getValue().asText()));
              });
    }
    return new MqttMapping(
        text(node, "name", filter.text()),
        filter,
        text(node, "topic", PipelineTopics.MQTT_MESSAGES),
        KeyRule.parse(text(node, "key", "topic")),
        format,
        fields);
  }

  private static Format format(String text) {
    try {
      return Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("format '" + text + "' is not one of: envelope, json", e);
    }
  }

  private static String text(JsonNode node, String property, String fallback) {
    JsonNode value = node.get(property);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException("'" + property + "' is required");
      }
      return fallback;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("'" + property + "' must be a non-empty string");
    }
    return value.asText();
  }

  private static void checkDistinct(String setting, List<MqttMapping> mappings) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < mappings.size(); i++) {
      MqttMapping mapping = mappings.get(i);
      if (!names.add(mapping.name())) {
        throw new ConfigException(
            "Setting " + setting + "[" + i + "]: the name '" + mapping.name() + "' is taken");
      }
      for (int j = 0; j < i; j++) {
        MqttMapping earlier = mappings.get(j);
        if (earlier.filter().overlaps(mapping.filter())) {
          throw new ConfigException(
              "Setting "
                  + setting
                  + "["
                  + i
                  + "]: filter '"
                  + mapping.filter()
                  + "' overlaps '"
                  + earlier.filter()
                  + "' of ["
                  + j
                  + "]; a topic matching both would be delivered twice, so filters must not"
                  + " overlap");
        }
      }
    }
  }

  private static List<String> sorted() {
    return PROPERTIES.stream().sorted().toList();
  }

  private static String example() {
    return "[{\"filter\": \"devices/+/telemetry\", \"topic\": \"pipeline.mqtt.messages\","
        + " \"key\": \"level:1\"}]";
  }
}
