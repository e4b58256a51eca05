package io.pipeline.localstack.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build args of a {@link Dockerfile}'s instructions, with Docker's scoping: an ARG declared
 * before the first FROM is seen by the FROM lines only, one declared in a stage by the rest of that
 * stage.
 */
final class BuildArgs {

  /** The instructions in which Docker expands variables; RUN, CMD and ENTRYPOINT leave them be. */
  private static final Set<String> EXPANDING =
      Set.of(
          "ADD",
          "ARG",
          "COPY",
          "ENV",
          "EXPOSE",
          "FROM",
          "LABEL",
          "ONBUILD",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");

  private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");

  private BuildArgs() {}

  /** The instructions with {@code args} expanded; see {@link Dockerfile#withArgs}. */
  static List<String> expand(List<String> instructions, Map<String, String> args) {
    List<String> expanded = new ArrayList<>();
    walk(
        instructions,
        args,
        (instruction, scope) ->
            expanded.add(
                EXPANDING.contains(Dockerfile.keyword(instruction))
                    ? expand(instruction, scope)
                    : instruction));
    return expanded;
  }

  /** The ARGs the instructions read; see {@link Dockerfile#argsRead}. */
  static Set<String> read(List<String> instructions) {
    Set<String> read = new TreeSet<>();
    walk(
        instructions,
        Map.of(),
        (instruction, scope) ->
            scope.keySet().stream()
                .filter(
                    name ->
                        Pattern.compile("\\$\\{?" + name + "(?!\\w)").matcher(instruction).find())
                .forEach(read::add));
    return read;
  }

  /**
   * Calls {@code visit} with each instruction and the ARGs in scope there (name to value: given,
   * else default, else empty), before the instruction's own ARG declarations take effect.
   */
  private static void walk(
      List<String> instructions,
      Map<String, String> args,
      BiConsumer<String, Map<String, String>> visit) {
    Map<String, String> global = new HashMap<>();
    Map<String, String> scope = global;
    for (String instruction : instructions) {
      String keyword = Dockerfile.keyword(instruction);
      visit.accept(instruction, keyword.equals("FROM") ? global : scope);
      if (keyword.equals("FROM")) {
        scope = new HashMap<>();
      } else if (keyword.equals("ARG")) {
        for (String declaration : Dockerfile.rest(expand(instruction, scope)).split("\\s+")) {
          if (declaration.isEmpty()) {
            continue;
          }
          int equals = declaration.indexOf('=');
          String name = equals < 0 ? declaration : declaration.substring(0, equals);
          String fallback = equals < 0 ? "" : unquote(declaration.substring(equals + 1));
          scope.put(name, args.getOrDefault(name, fallback));
        }
      }
    }
  }

  private static String expand(String instruction, Map<String, String> scope) {
    Matcher variable = VARIABLE.matcher(instruction);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
      String value = scope.getOrDefault(name, variable.group());
      variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    return variable.appendTail(expanded).toString();
  }

  private static String unquote(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
