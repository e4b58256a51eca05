package io.pipeline.ingest.mqtt;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.schemas.topic.PipelineTopics;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the MQTT bridge, which copies QoS 1 messages from an MQTT broker to Kafka.
 *
 * @param broker the broker, e.g. {@code mqtt://localhost:1883}; empty turns the bridge off
 * @param mappings which MQTT topic filters go to which Kafka topics, and how; their filters do not
 *     overlap, so each message has exactly one mapping
 * @param group the shared-subscription group, so several bridges split the messages
 * @param clientId the bridge's stable MQTT client id (its session survives restarts)
 * @param inFlight how many messages may be on their way to Kafka at once
 */
public record MqttBridgeConfig(
    Optional<URI> broker, List<MqttMapping> mappings, String group, String clientId, int inFlight) {

  /** The mapping {@code ./pipeline up} and a bare {@code MQTT_URL} start with. */
  public static final String DEFAULT_MAPPINGS =
      "[{\"name\": \"telemetry\", \"filter\": \"devices/+/telemetry\", \"topic\": \""
          + PipelineTopics.MQTT_MESSAGES
          + "\", \"key\": \"level:1\"}]";

  public static final Setting<Optional<String>> URL =
      Setting.optionalString(
          "MQTT_URL",
          "The MQTT broker, e.g. mqtt://localhost:1883; unset turns the MQTT bridge off.");
  public static final Setting<String> MAPPINGS =
      Setting.string(
          "MQTT_BRIDGE_MAPPINGS",
          DEFAULT_MAPPINGS,
          "JSON array of mappings {name, filter, topic, key, format, fields}, or @file to read it"
              + " from a file. key: level:N, field:NAME or topic; format: envelope (Avro"
              + " MqttMessage) or json (the payload decoded into the topic's Avro schema).");
  public static final Setting<String> GROUP =
      Setting.string(
          "MQTT_BRIDGE_GROUP",
          "pipeline-ingest",
          "Shared-subscription group: bridges in one group split the messages.");
  public static final Setting<String> CLIENT_ID =
      Setting.string(
          "MQTT_BRIDGE_CLIENT_ID",
          "pipeline-ingest-1",
          "The bridge's MQTT client id: stable, and unique per bridge instance.");
  public static final Setting<Integer> IN_FLIGHT =
      Setting.integer(
          "MQTT_BRIDGE_IN_FLIGHT",
          65535,
          1,
          65535,
          "Messages on their way to Kafka at once (back-pressure); the rest wait in the MQTT"
              + " client or at the broker, unacknowledged. Enforced by the bridge, not sent as the MQTT Receive"
              + " Maximum, which Mosquitto 2.0.11 exceeds under load (decision 0042).");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(URL, MAPPINGS, GROUP, CLIENT_ID, IN_FLIGHT);

  public MqttBridgeConfig {
    mappings = List.copyOf(mappings);
  }

  /** Reads and validates the MQTT bridge's settings. */
  public static MqttBridgeConfig from(Settings settings) {
    Optional<URI> broker = settings.get(URL).map(MqttBridgeConfig::broker);
    return new MqttBridgeConfig(
        broker,
        MqttMappings.parse(MAPPINGS.name(), settings.get(MAPPINGS)),
        settings.get(GROUP),
        settings.get(CLIENT_ID),
        settings.get(IN_FLIGHT));
  }

  private static URI broker(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Setting MQTT_URL='" + text + "' is not a URL", e);
    }
    if (!"mqtt".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException(
          "Setting MQTT_URL='" + text + "' is invalid: expected mqtt://host:port");
    }
    return uri;
  }

  /** Whether the bridge runs. */
  public boolean enabled() {
    return broker.isPresent() && !mappings.isEmpty();
  }

  /** The mapping of a message published to this MQTT topic, if one matches. */
  public Optional<MqttMapping> mappingOf(String mqttTopic) {
    // A loop, not a stream: this runs for every message the bridge copies.
    for (MqttMapping mapping : mappings) {
      if (mapping.filter().matches(mqttTopic)) {
        return Optional.of(mapping);
      }
    }
    return Optional.empty();
  }
}
