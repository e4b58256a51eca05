package io.pipeline.localstack.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Docker Compose file, read for the tests that keep {@code docker/} in step with the code: its
 * services, their settings, volumes and ports, and the Kafka listeners it advertises.
 */
public final class ComposeFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path file;
  private final JsonNode root;

  private ComposeFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /** The project's {@code docker/compose.yaml}, seen from a module's directory (surefire's). */
  public static ComposeFile project() {
    return read(Path.of("..", "docker", "compose.yaml"));
  }

  /** Reads a compose file. */
  public static ComposeFile read(Path file) {
    try {
      return new ComposeFile(file, YAML.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses compose text, for tests of this class; paths are relative to {@code dir}. */
  static ComposeFile parse(Path dir, String yaml) {
    try {
      return new ComposeFile(dir.resolve("compose.yaml"), YAML.readTree(yaml));
    } catch (IOException e) {
      throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
    }
  }

  /** The file, as it was given. */
  public Path file() {
    return file;
  }

  /** The service of that name, if the file has one. */
  public Optional<ComposeService> service(String name) {
    JsonNode service = root.path("services").path(name);
    return service.isObject()
        ? Optional.of(new ComposeService(name, service, file.getParent()))
        : Optional.empty();
  }

  /** The named volumes the file declares under {@code volumes:}. */
  public Set<String> volumes() {
    Set<String> names = new TreeSet<>();
    root.path("volumes").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * The {@code host:port} of each listener a Kafka service advertises ({@code
   * KAFKA_ADVERTISED_LISTENERS}, the {@code apache/kafka} image's convention).
   */
  public List<String> advertisedKafkaListeners(String kafkaService) {
    String listeners =
        service(kafkaService)
            .map(s -> s.environment().get("KAFKA_ADVERTISED_LISTENERS"))
            .orElse(null);
    List<String> hostPorts = new ArrayList<>();
    if (listeners != null) {
      Arrays.stream(listeners.split(","))
          .map(String::trim)
          .filter(listener -> listener.contains("://"))
          .map(listener -> listener.substring(listener.indexOf("://") + 3))
          .forEach(hostPorts::add);
    }
    return hostPorts;
  }
}
