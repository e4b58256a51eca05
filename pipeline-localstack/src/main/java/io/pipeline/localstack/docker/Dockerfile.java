package io.pipeline.localstack.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Dockerfile's instructions, joined across line continuations and without comments, read for the
 * tests that keep {@code docker/} in step with the code.
 *
 * @param instructions the instructions in order, e.g. {@code EXPOSE 8081}
 */
public record Dockerfile(List<String> instructions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Dockerfile {
    instructions = List.copyOf(instructions);
  }

  /** Reads a Dockerfile. */
  public static Dockerfile read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Dockerfile parse(List<String> lines) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.startsWith("#")) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      if (!current.toString().isBlank()) {
        instructions.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return new Dockerfile(instructions);
  }

  /** The last ENTRYPOINT (the final stage's) as its argument list, if there is one. */
  public Optional<List<String>> entrypoint() {
    return last("ENTRYPOINT").map(Dockerfile::arguments);
  }

  /**
   * The main class the ENTRYPOINT's {@code java} command line runs: empty when there is no
   * ENTRYPOINT, it is not {@code java}, or it runs a jar rather than a named class.
   */
  public Optional<String> mainClass() {
    List<String> command = entrypoint().orElse(List.of());
    if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().equals("java")) {
      return Optional.empty();
    }
    for (int i = 1; i < command.size(); i++) {
      String argument = command.get(i);
      if (List.of("-cp", "-classpath", "--class-path").contains(argument)) {
        i++;
      } else if (argument.equals("-jar")) {
        return Optional.empty();
      } else if (!argument.startsWith("-")) {
        return Optional.of(argument);
      }
    }
    return Optional.empty();
  }

  /** The ports the EXPOSE instructions name. */
  public List<Integer> exposedPorts() {
    return instructions.stream()
        .filter(i -> isA(i, "EXPOSE"))
        .flatMap(i -> Arrays.stream(i.substring("EXPOSE".length()).strip().split("\\s+")))
        .map(port -> Integer.parseInt(port.replaceFirst("/(tcp|udp)$", "")))
        .toList();
  }

  private Optional<String> last(String keyword) {
    return instructions.stream()
        .filter(i -> isA(i, keyword))
        .reduce((first, second) -> second)
        .map(i -> i.substring(keyword.length()).strip());
  }

  private static boolean isA(String instruction, String keyword) {
    return instruction.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1);
  }

  /** Exec form (a JSON array) or shell form (split at white space). */
  private static List<String> arguments(String text) {
    if (text.startsWith("[")) {
      try {
        return Arrays.asList(JSON.readValue(text, String[].class));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not a JSON array: " + text, e);
      }
    }
    return Arrays.asList(text.split("\\s+"));
  }
}
