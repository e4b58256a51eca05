package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.pipeline.asl.path.JsonPaths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads path and variable arguments. Unlike a plain {@code "x.$": "$.a"} field, an argument must
 * name something: a missing property and an index past the end of an array are both failures.
 */
final class ArgumentReader {

  private static final Pattern TRAILING_INDEX = Pattern.compile("^(.*)\\[(-?\\d+)]$");

  private ArgumentReader() {}

  static JsonNode readPath(String path, IntrinsicContext context) {
    JsonNode data = context.input();
    return read(path, data, path.startsWith("$$") ? context.contextObject() : null)
        .orElseThrow(() -> notFound(path, data, context));
  }

  static JsonNode readVariable(
      IntrinsicArgument.VariableArgument variable, IntrinsicContext context) {
    JsonNode value = context.variables().get(variable.name());
    if (value == null) {
      throw new IntrinsicError(
          "The variable '$" + variable.name() + "' referenced in an argument is not defined");
    }
    return read(variable.path(), value, null)
        .orElseThrow(() -> notFoundSentence(variable.reference(), value));
  }

  private static Optional<JsonNode> read(String path, JsonNode data, JsonNode contextObject) {
    Optional<JsonNode> value;
    try {
      value = JsonPaths.read(path, data, contextObject);
    } catch (RuntimeException e) {
      throw new IntrinsicError(
          "The JsonPath argument '" + path + "' could not be evaluated: " + e.getMessage());
    }
    if (value.isPresent() && value.get().isNull() && pastEndOfArray(path, data, contextObject)) {
      return Optional.empty();
    }
    // Shared, not copied: no function changes its arguments; the evaluator copies a result that
    // holds parts of them.
    return value;
  }

  /** Jayway answers null for {@code $.a[5]} on a shorter array; AWS treats it as missing. */
  private static boolean pastEndOfArray(String path, JsonNode data, JsonNode contextObject) {
    Matcher matcher = TRAILING_INDEX.matcher(path);
    if (!matcher.matches()) {
      return false;
    }
    long index = Long.parseLong(matcher.group(2));
    return JsonPaths.read(matcher.group(1), data, contextObject)
        .filter(JsonNode::isArray)
        .map(array -> index >= array.size() || index < -array.size())
        .orElse(false);
  }

  private static IntrinsicError notFound(String path, JsonNode data, IntrinsicContext context) {
    String jaywayMessage = JsonPaths.noResultsMessage(path, data, context.contextObject());
    if (jaywayMessage.startsWith("Filter: ")) {
      // AWS lets the JSONPath library's own words through for this one case.
      return new IntrinsicError(jaywayMessage);
    }
    String shown = path.startsWith("$$") ? path.substring(1) : path;
    return notFoundSentence(shown, data);
  }

  private static IntrinsicError notFoundSentence(String shownPath, JsonNode data) {
    String input = (data == null ? NullNode.getInstance() : data).toString();
    return new IntrinsicError(
        "The JsonPath argument for the field '"
            + shownPath
            + "' could not be found in the input '"
            + input
            + "'");
  }
}
