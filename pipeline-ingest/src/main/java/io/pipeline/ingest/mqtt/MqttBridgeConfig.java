package io.pipeline.ingest.mqtt;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the MQTT bridge, which copies QoS 1 messages from an MQTT broker to Kafka.
 *
 * @param broker the broker, e.g. {@code mqtt://localhost:1883}; empty turns the bridge off
 * @param filters the MQTT topic filters to subscribe to (with {@code +} and {@code #})
 * @param keyLevel the topic level that is the Kafka key (0-based; -1 keys by the whole topic)
 * @param group the shared-subscription group, so several bridges split the messages
 * @param clientId the bridge's stable MQTT client id (its session survives restarts)
 * @param inFlight how many unacknowledged messages the broker may send at once
 */
public record MqttBridgeConfig(
    Optional<URI> broker,
    List<String> filters,
    int keyLevel,
    String group,
    String clientId,
    int inFlight) {

  public static final Setting<Optional<String>> URL =
      Setting.optionalString(
          "MQTT_URL",
          "The MQTT broker, e.g. mqtt://localhost:1883; unset turns the MQTT bridge off.");
  public static final Setting<List<String>> FILTERS =
      Setting.list(
          "MQTT_BRIDGE_FILTERS",
          "devices/+/telemetry",
          "MQTT topic filters whose messages go to Kafka, comma-separated.");
  public static final Setting<Integer> KEY_LEVEL =
      Setting.integer(
          "MQTT_BRIDGE_KEY_LEVEL",
          1,
          -1,
          64,
          "Topic level (from 0) used as the Kafka key, e.g. the device id; -1 for the whole topic.");
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
          "Receive Maximum: unacknowledged messages the broker may send at once. Mosquitto 2 was"
              + " seen to exceed a lower value when it resumes a session, which the client then"
              + " rejects; bound the flow with the broker's max_inflight_messages instead.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(URL, FILTERS, KEY_LEVEL, GROUP, CLIENT_ID, IN_FLIGHT);

  public MqttBridgeConfig {
    filters = List.copyOf(filters);
  }

  /** Reads and validates the MQTT bridge's settings. */
  public static MqttBridgeConfig from(Settings settings) {
    Optional<URI> broker = settings.get(URL).map(MqttBridgeConfig::broker);
    return new MqttBridgeConfig(
        broker,
        settings.get(FILTERS),
        settings.get(KEY_LEVEL),
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
    return broker.isPresent() && !filters.isEmpty();
  }

  /** The Kafka key of a message published to an MQTT topic. */
  public String keyOf(String mqttTopic) {
    if (keyLevel < 0) {
      return mqttTopic;
    }
    String[] levels = mqttTopic.split("/", -1);
    return keyLevel < levels.length && !levels[keyLevel].isEmpty() ? levels[keyLevel] : mqttTopic;
  }
}
