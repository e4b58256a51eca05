package io.pipeline.localstack.mqtt;

import java.net.URI;
import java.util.Objects;

/**
 * Where an MQTT broker listens.
 *
 * @param uri the broker, e.g. {@code mqtt://localhost:1883}
 */
public record MqttEndpoint(URI uri) {

  public MqttEndpoint {
    Objects.requireNonNull(uri, "uri");
    if (!"mqtt".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "MQTT broker address '" + uri + "' must look like mqtt://host:port");
    }
  }

  /** Parses {@code mqtt://host:port}; the port defaults to 1883. */
  public static MqttEndpoint parse(String value) {
    return new MqttEndpoint(URI.create(value.trim()));
  }

  public String host() {
    return uri.getHost();
  }

  public int port() {
    return uri.getPort() == -1 ? 1883 : uri.getPort();
  }
}
