package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;

/**
 * An answer as an HTTP Task's result, as AWS gives it: {@code Headers} (each name, in lower case,
 * to its values), {@code ResponseBody} (the JSON value of a JSON answer, otherwise its text),
 * {@code StatusCode} and {@code StatusText}. A status outside 2xx fails the task with {@code
 * States.Http.StatusCode.<code>}, the same object as its cause.
 */
final class HttpTaskResponse {

  /** AWS's limit on a failure's cause, in characters. */
  static final int MAX_CAUSE = 32_768;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private HttpTaskResponse() {}

  /**
   * The task's result.
   *
   * @throws TaskFailure {@code States.Http.StatusCode.<code>} when the status is not 2xx
   */
  static ObjectNode result(int status, HttpHeaders headers, byte[] body) {
    ObjectNode output = output(status, headers, body(headers, body));
    if (status < 200 || status > 299) {
      throw new TaskFailure(HttpTaskFailures.STATUS_CODE + status, cause(output));
    }
    return output;
  }

  /** The reason phrase of a status code, empty when it has none. */
  static String statusText(int status) {
    String text = HttpStatus.getMessage(status);
    return text.equals(Integer.toString(status)) ? "" : text;
  }

  private static ObjectNode output(int status, HttpHeaders headers, JsonNode body) {
    ObjectNode names = NODES.objectNode();
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      if (header.getKey().startsWith(":")) {
        continue; // HTTP/2 pseudo-headers are not headers
      }
      // Lower case, as HTTP/2 writes them: the same names whichever version answered.
      String name = header.getKey().toLowerCase(Locale.ROOT);
      ArrayNode values = names.has(name) ? (ArrayNode) names.get(name) : names.putArray(name);
      header.getValue().forEach(values::add);
    }
    ObjectNode output = NODES.objectNode();
    output.set("Headers", names);
    output.set("ResponseBody", body);
    output.put("StatusCode", status);
    output.put("StatusText", statusText(status));
    return output;
  }

  private static JsonNode body(HttpHeaders headers, byte[] bytes) {
    Optional<String> contentType = headers.firstValue("Content-Type");
    String text = new String(bytes, charset(contentType));
    if (contentType.map(HttpTaskResponse::isJson).orElse(false) && !text.isBlank()) {
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException e) {
        // Not the JSON it claims to be: the task gets the text, as for any other answer.
      }
    }
    return NODES.textNode(text);
  }

  private static boolean isJson(String contentType) {
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return media.equals("application/json") || media.endsWith("+json");
  }

  private static Charset charset(Optional<String> contentType) {
    if (contentType.isPresent()) {
      for (String part : contentType.get().split(";")) {
        String[] pair = part.trim().split("=", 2);
        if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
          try {
            return Charset.forName(pair[1].trim().replace("\"", ""));
          } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** The answer as JSON text, its body shortened if the whole would pass AWS's limit. */
  private static String cause(ObjectNode output) {
    String cause = output.toString();
    if (cause.length() <= MAX_CAUSE) {
      return cause;
    }
    ObjectNode shortened = output.deepCopy();
    String body =
        output.get("ResponseBody").isTextual()
            ? output.get("ResponseBody").asText()
            : output.get("ResponseBody").toString();
    int keep = Math.max(0, body.length() - (cause.length() - MAX_CAUSE) - 200);
    shortened.put("ResponseBody", body.substring(0, keep) + "... (shortened)");
    String text = shortened.toString();
    return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE);
  }
}
