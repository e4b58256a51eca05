package io.pipeline.localstack.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Dockerfile's instructions, joined across line continuations and without comments, read for the
 * tests that keep {@code docker/} in step with the code.
 *
 * @param instructions the instructions in order, e.g. {@code EXPOSE 8081}
 */
public record Dockerfile(List<String> instructions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path ROOT = Path.of("/");

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
   * ENTRYPOINT, it is not {@code java}, or it runs a jar or reads the class from an argument file
   * ({@code @file}) rather than naming it.
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
      } else if (argument.equals("-jar") || argument.startsWith("@")) {
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
        .filter(i -> keyword(i).equals("EXPOSE"))
        .flatMap(i -> Arrays.stream(rest(i).split("\\s+")))
        .map(port -> Integer.parseInt(port.replaceFirst("/(tcp|udp)$", "")))
        .toList();
  }

  /**
   * Whether a RUN instruction gives {@code folder} an owner: one of its commands (split at {@code
   * &&}, {@code ||} and {@code ;}) is a {@code chown} naming the folder, as an image does for a
   * folder its non-root user writes. A reading of the text, not of what the shell would do.
   */
  public boolean chowns(String folder) {
    String wanted = stripTrailingSlash(folder);
    return instructions.stream()
        .filter(i -> keyword(i).equals("RUN"))
        .flatMap(i -> Arrays.stream(rest(i).split("&&|\\|\\||;")))
        .map(command -> Arrays.asList(command.strip().split("\\s+")))
        .filter(words -> words.get(0).equals("chown"))
        .anyMatch(
            words -> words.stream().anyMatch(word -> stripTrailingSlash(word).equals(wanted)));
  }

  /**
   * This Dockerfile with the build args substituted, as {@code docker build --build-arg} would: in
   * the instructions that expand variables (not RUN, CMD and ENTRYPOINT, whose shell or program
   * sees them), once the stage (or, for FROM, the part before the first FROM) has declared the ARG;
   * an ARG's default stands for a value not given, and an ARG with neither is empty. Only {@code
   * $NAME} and {@code ${NAME}} are expanded, not the {@code ${NAME:-word}} forms.
   */
  public Dockerfile withArgs(Map<String, String> args) {
    return new Dockerfile(BuildArgs.expand(instructions, args));
  }

  /**
   * The build args the Dockerfile reads: the ARGs referenced ({@code $NAME}, {@code ${NAME}} or
   * {@code ${NAME:...}}, by any instruction, RUN included) after their declaration in the same
   * stage, or in a FROM after their declaration before the first FROM.
   */
  public Set<String> argsRead() {
    return BuildArgs.read(instructions);
  }

  /**
   * Where COPY and ADD instructions of any stage put {@code file}, a file or folder of the build
   * context given relative to it: absolute paths in the stages' images, empty when no instruction
   * copies it or a folder holding it. A stage starts in {@code /} whatever its base image's
   * WORKDIR; instructions with {@code --from} and heredocs are not followed.
   */
  public Set<Path> destinationsOf(String file) {
    Path source = Path.of(file).normalize();
    Set<Path> destinations = new LinkedHashSet<>();
    Path workdir = ROOT;
    for (String instruction : instructions) {
      switch (keyword(instruction)) {
        case "FROM" -> workdir = ROOT;
        case "WORKDIR" -> workdir = workdir.resolve(rest(instruction)).normalize();
        case "COPY", "ADD" -> {
          Path in = workdir;
          CopyInstruction.parse(instruction)
              .flatMap(copy -> copy.destinationOf(source, in))
              .ifPresent(destinations::add);
        }
        default -> {}
      }
    }
    return destinations;
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The instruction's keyword, upper case. */
  static String keyword(String instruction) {
    return instruction.split("\\s", 2)[0].toUpperCase(Locale.ROOT);
  }

  /** What follows the keyword. */
  static String rest(String instruction) {
    String[] parts = instruction.split("\\s", 2);
    return parts.length < 2 ? "" : parts[1].strip();
  }

  private Optional<String> last(String keyword) {
    return instructions.stream()
        .filter(i -> keyword(i).equals(keyword))
        .reduce((first, second) -> second)
        .map(Dockerfile::rest);
  }

  /** Exec form (a JSON array) or shell form (split at white space). */
  static List<String> arguments(String text) {
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
