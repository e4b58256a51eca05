package io.pipeline.localstack.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a {@link ComposeFile}: its environment, volumes, published ports and how its image
 * is built, in either of Compose's short and long syntaxes.
 *
 * @param name the service's name
 * @param node the service's YAML
 * @param dir the compose file's folder, which relative paths start from
 */
public record ComposeService(String name, JsonNode node, Path dir) {

  /** The environment, given as a map or as a list of KEY=VALUE (a bare KEY maps to null). */
  public Map<String, String> environment() {
    return keyValues(node.path("environment"), "environment");
  }

  /** The host file or folder mounted at {@code target}, if a bind mount puts one there. */
  public Optional<Path> mountedFile(String target) {
    return source(target)
        .filter(source -> source.startsWith(".") || source.startsWith("/"))
        .map(source -> dir.resolve(source).normalize());
  }

  /** The named volume mounted at {@code target}, if one is. */
  public Optional<String> namedVolumeAt(String target) {
    return source(target).filter(source -> !source.startsWith(".") && !source.startsWith("/"));
  }

  /** The container ports published on the host, from {@code ports:}. */
  public List<Integer> publishedContainerPorts() {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode port : node.path("ports")) {
      String target;
      if (port.isObject()) {
        target = port.path("target").asText();
      } else {
        String text = port.asText();
        target = text.substring(text.lastIndexOf(':') + 1);
      }
      ports.add(Integer.parseInt(target.replaceFirst("/(tcp|udp)$", "")));
    }
    return ports;
  }

  /** How the service's image is built, if it is: the context, the Dockerfile and the build args. */
  public Optional<ImageBuild> build() {
    JsonNode build = node.path("build");
    if (build.isMissingNode() || build.isNull()) {
      return Optional.empty();
    }
    Path context =
        dir.resolve(build.isTextual() ? build.asText() : build.path("context").asText("."))
            .normalize();
    return Optional.of(
        new ImageBuild(
            context,
            context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize(),
            keyValues(build.path("args"), "build args")));
  }

  /**
   * A map, or a list of KEY=VALUE (a bare KEY, which Compose takes from its environment, maps to
   * null).
   */
  private Map<String, String> keyValues(JsonNode values, String what) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (values.isObject()) {
      values
          .properties()
          .forEach(
              e -> variables.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else if (values.isArray()) {
      for (JsonNode item : values) {
        String text = item.asText();
        int equals = text.indexOf('=');
        if (equals < 0) {
          variables.put(text, null);
        } else {
          variables.put(text.substring(0, equals), text.substring(equals + 1));
        }
      }
    } else if (!values.isMissingNode() && !values.isNull()) {
      throw new IllegalArgumentException(
          what + " of " + name + " is neither a map nor a list: " + values);
    }
    return variables;
  }

  private Optional<String> source(String target) {
    for (JsonNode volume : node.path("volumes")) {
      String source;
      String mountedAt;
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        source = parts[0];
        mountedAt = parts.length > 1 ? parts[1] : "";
      } else {
        source = volume.path("source").asText();
        mountedAt = volume.path("target").asText();
      }
      if (mountedAt.equals(target)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
