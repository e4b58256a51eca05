package io.pipeline.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.pipeline.asl.error.StateFailure;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * JSONPath as Step Functions evaluates it (Jayway JsonPath semantics): {@code $...} reads the
 * state's data, {@code $$...} the context object. Compiled paths are cached.
 */
public final class JsonPaths {

  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(EnumSet.noneOf(Option.class))
          .build();

  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  /**
   * The property names of paths made only of them ({@code $}, {@code $.a.b}), by path; an empty
   * value for every other path.
   */
  private static final Map<String, Optional<String[]>> PLAIN = new ConcurrentHashMap<>();

  private static final Pattern PLAIN_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private JsonPaths() {}

  /** Whether text is a syntactically valid path ({@code $...} or {@code $$...}). */
  public static boolean isValid(String path) {
    try {
      compile(path);
      return true;
    } catch (InvalidPathException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the path names a single node (no wildcards, filters, slices or deep scans). */
  public static boolean isDefinite(String path) {
    return compile(path).isDefinite();
  }

  /**
   * Reads a path.
   *
   * @param path {@code $...} on {@code data}, or {@code $$...} on {@code context}
   * @return the value, or empty when a definite path names nothing
   * @throws InvalidPathException when the path is not valid JSONPath
   */
  public static Optional<JsonNode> read(String path, JsonNode data, JsonNode context) {
    boolean contextPath = path.startsWith("$$");
    JsonNode root = contextPath ? context : data;
    String own = contextPath ? path.substring(1) : path;
    Optional<String[]> names = PLAIN.computeIfAbsent(own, JsonPaths::plainNames);
    return names.isPresent() && root != null
        ? walk(root, names.get())
        : readWithJayway(path, own, root);
  }

  /**
   * Reads a path of property names the way Jayway does, node by node, without its per-read
   * allocations: the value, JSON null included, or empty when a name is missing or a step is not an
   * object.
   */
  private static Optional<JsonNode> walk(JsonNode root, String[] names) {
    JsonNode node = root;
    for (String name : names) {
      node = node != null && node.isObject() ? node.get(name) : null;
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node == null ? JsonNodeFactory.instance.nullNode() : node);
  }

  private static Optional<String[]> plainNames(String path) {
    if (!PLAIN_PATH.matcher(path).matches()) {
      return Optional.empty();
    }
    return Optional.of(path.length() == 1 ? new String[0] : path.substring(2).split("\\."));
  }

  /** Reads a path with Jayway: every path, the plain ones included (the tests compare). */
  static Optional<JsonNode> readWithJayway(String path, String own, JsonNode root) {
    JsonPath compiled = compile(own);
    try {
      Object result = compiled.read(root, CONFIGURATION);
      return Optional.of(result == null ? JsonNodeFactory.instance.nullNode() : (JsonNode) result);
    } catch (PathNotFoundException e) {
      // A path that may name several values names none: the empty list, as AWS gives.
      return compiled.isDefinite()
          ? Optional.empty()
          : Optional.of(JsonNodeFactory.instance.arrayNode());
    } catch (JsonPathException | ClassCastException | IllegalArgumentException e) {
      throw StateFailure.runtime(
          "The JSONPath '" + path + "' cannot be evaluated on this data: " + e.getMessage());
    }
  }

  /** The message Jayway gives for a path that names nothing, as AWS reports it. */
  public static String noResultsMessage(String path, JsonNode data, JsonNode context) {
    boolean contextPath = path.startsWith("$$");
    String own = contextPath ? path.substring(1) : path;
    try {
      compile(own).read(contextPath ? context : data, CONFIGURATION);
      return "No results for path: " + own;
    } catch (PathNotFoundException e) {
      return e.getMessage();
    }
  }

  private static JsonPath compile(String path) {
    String own = path.startsWith("$$") ? path.substring(1) : path;
    if (!own.startsWith("$")) {
      throw new IllegalArgumentException("a path starts with $: " + path);
    }
    return COMPILED.computeIfAbsent(own, p -> JsonPath.compile(literalBackslashes(p)));
  }

  /**
   * In a quoted name ({@code ['...']}), AWS reads a backslash literally unless it escapes the quote
   * or another backslash; Jayway would drop it, so such backslashes are doubled.
   */
  static String literalBackslashes(String path) {
    StringBuilder out = new StringBuilder(path.length());
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote == 0) {
        if ((c == '\'' || c == '"') && i > 0 && path.charAt(i - 1) == '[') {
          quote = c;
        }
        out.append(c);
      } else if (c == '\\') {
        char next = i + 1 < path.length() ? path.charAt(i + 1) : 0;
        if (next == quote || next == '\\') {
          out.append(c).append(next);
          i++;
        } else {
          out.append("\\\\");
        }
      } else {
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
