package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.HttpFormEncoding.ArrayFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an HTTP Task's parameters ({@code ApiEndpoint}, {@code Method}, {@code Authentication},
 * {@code Headers}, {@code QueryParameters}, {@code RequestBody}, {@code Transform}) into the
 * request they describe. Anything wrong is a {@code States.Runtime} failure whose cause names the
 * field.
 */
final class HttpTaskParameters {

  static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

  private static final Set<String> FIELDS =
      Set.of(
          "ApiEndpoint",
          "Method",
          "Authentication",
          "Headers",
          "QueryParameters",
          "RequestBody",
          "Transform");

  /**
   * Headers AWS refuses in an HTTP Task (States.Runtime); Authorization comes from a connection.
   */
  private static final Set<String> REFUSED_HEADERS =
      Set.of(
          "a-im",
          "accept-charset",
          "accept-datetime",
          "accept-encoding",
          "authorization",
          "cache-control",
          "connection",
          "content-encoding",
          "content-md5",
          "date",
          "expect",
          "forwarded",
          "from",
          "host",
          "http2-settings",
          "if-match",
          "if-modified-since",
          "if-none-match",
          "if-range",
          "if-unmodified-since",
          "max-forwards",
          "origin",
          "pragma",
          "proxy-authorization",
          "referer",
          "server",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "via",
          "warning");

  private static final List<String> REFUSED_PREFIXES = List.of("x-forwarded-", "x-amz-", "x-amzn-");

  /** Headers the HTTP client writes itself: a value given for them is ignored. */
  private static final Set<String> IGNORED_HEADERS = Set.of("content-length");

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json; charset=UTF-8";
  static final String TEXT = "text/plain; charset=UTF-8";

  private HttpTaskParameters() {}

  /**
   * The request the parameters describe.
   *
   * @throws TaskFailure {@code States.Runtime} naming the field at fault
   */
  static HttpTaskRequest read(JsonNode parameters) {
    if (!parameters.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "the parameters must be a JSON object; they are " + HttpFormEncoding.kind(parameters));
    }
    for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw HttpTaskFailures.invalidParameter(
            "unknown field '"
                + name
                + "'; an HTTP Task takes "
                + String.join(", ", sorted(FIELDS)));
      }
    }
    URI endpoint = endpoint(parameters.get("ApiEndpoint"));
    String method = method(parameters.get("Method"));
    TreeMap<String, String> headers = headers(parameters.get("Headers"));
    URI uri = withQuery(endpoint, parameters.get("QueryParameters"));
    Optional<String> body = body(parameters.get("RequestBody"), parameters.get("Transform"));
    if (body.isPresent() && !headers.containsKey("Content-Type")) {
      headers.put("Content-Type", contentType(parameters));
    }
    return new HttpTaskRequest(
        method, uri, headers, body, connection(parameters.get("Authentication")));
  }

  /** Whether a task may not set a header, as AWS refuses it; names are compared without case. */
  static boolean isRefused(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    return REFUSED_HEADERS.contains(name) || REFUSED_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Whether a header name is an RFC 9110 token. */
  static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static URI endpoint(JsonNode node) {
    String text = requiredText(node, "ApiEndpoint");
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw HttpTaskFailures.invalidParameter(
          "ApiEndpoint '" + text + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw HttpTaskFailures.invalidParameter(
          "ApiEndpoint '" + text + "' must be an https:// or http:// URL with a host");
    }
    return uri;
  }

  private static String method(JsonNode node) {
    String method = requiredText(node, "Method");
    if (!METHODS.contains(method)) {
      throw HttpTaskFailures.invalidParameter(
          "Method '" + method + "' is not one of " + String.join(", ", sorted(METHODS)));
    }
    return method;
  }

  private static Optional<String> connection(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "Authentication must be an object with a ConnectionArn; it is "
              + HttpFormEncoding.kind(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("ConnectionArn")) {
        throw HttpTaskFailures.invalidParameter(
            "unknown field 'Authentication." + name + "'; Authentication takes ConnectionArn");
      }
    }
    return Optional.of(requiredText(node.get("ConnectionArn"), "Authentication.ConnectionArn"));
  }

  private static TreeMap<String, String> headers(JsonNode node) {
    TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "Headers must be an object of header names to values; it is "
              + HttpFormEncoding.kind(node));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      String name = header.getKey();
      if (!isToken(name)) {
        throw HttpTaskFailures.invalidParameter("Headers: '" + name + "' is not a header name");
      }
      if (isRefused(name)) {
        throw HttpTaskFailures.invalidParameter(
            "Headers: '"
                + name
                + "' cannot be set in an HTTP Task"
                + (name.equalsIgnoreCase("Authorization")
                    ? "; credentials come from the connection named in Authentication.ConnectionArn"
                    : ""));
      }
      String value = scalarText(header.getValue(), "Headers." + name);
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw HttpTaskFailures.invalidParameter(
            "Headers." + name + " holds a line break or NUL character");
      }
      if (!IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  private static URI withQuery(URI endpoint, JsonNode node) {
    if (node == null || node.isNull()) {
      return endpoint;
    }
    if (!node.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "QueryParameters must be an object of names to values; it is "
              + HttpFormEncoding.kind(node));
    }
    List<String> pairs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      String name = parameter.getKey();
      JsonNode value = parameter.getValue();
      if (value.isArray()) {
        for (JsonNode item : value) {
          pairs.add(query(name) + "=" + query(scalarText(item, "QueryParameters." + name + "[]")));
        }
      } else {
        pairs.add(query(name) + "=" + query(scalarText(value, "QueryParameters." + name)));
      }
    }
    if (pairs.isEmpty()) {
      return endpoint;
    }
    String base = endpoint.toString();
    String fragment = endpoint.getRawFragment();
    if (fragment != null) {
      base = base.substring(0, base.length() - fragment.length() - 1);
    }
    String separator = endpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(base + separator + String.join("&", pairs));
  }

  private static Optional<String> body(JsonNode node, JsonNode transform) {
    boolean urlEncoded = urlEncoded(transform);
    ArrayFormat format = arrayFormat(transform);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (urlEncoded) {
      return Optional.of(HttpFormEncoding.encode(node, format));
    }
    return Optional.of(node.isTextual() ? node.asText() : node.toString());
  }

  private static String contentType(JsonNode parameters) {
    if (urlEncoded(parameters.get("Transform"))) {
      return FORM;
    }
    return parameters.get("RequestBody").isTextual() ? TEXT : JSON;
  }

  private static boolean urlEncoded(JsonNode transform) {
    if (transform == null || transform.isNull()) {
      return false;
    }
    if (!transform.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "Transform must be an object; it is " + HttpFormEncoding.kind(transform));
    }
    for (Iterator<String> names = transform.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("RequestBodyEncoding") && !name.equals("RequestEncodingOptions")) {
        throw HttpTaskFailures.invalidParameter(
            "unknown field 'Transform."
                + name
                + "'; Transform takes RequestBodyEncoding and RequestEncodingOptions");
      }
    }
    JsonNode encoding = transform.get("RequestBodyEncoding");
    if (encoding == null || encoding.isNull()) {
      return false;
    }
    String value = encoding.isTextual() ? encoding.asText() : encoding.toString();
    if (value.equals("URL_ENCODED")) {
      return true;
    }
    if (value.equals("NONE")) {
      return false;
    }
    throw HttpTaskFailures.invalidParameter(
        "Transform.RequestBodyEncoding '" + value + "' is not one of NONE, URL_ENCODED");
  }

  private static ArrayFormat arrayFormat(JsonNode transform) {
    JsonNode options = transform == null ? null : transform.get("RequestEncodingOptions");
    if (options == null || options.isNull()) {
      return ArrayFormat.INDICES;
    }
    if (!options.isObject()) {
      throw HttpTaskFailures.invalidParameter(
          "Transform.RequestEncodingOptions must be an object with ArrayFormat");
    }
    for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("ArrayFormat")) {
        throw HttpTaskFailures.invalidParameter(
            "unknown field 'Transform.RequestEncodingOptions."
                + name
                + "'; RequestEncodingOptions takes ArrayFormat");
      }
    }
    JsonNode format = options.get("ArrayFormat");
    if (format == null || format.isNull()) {
      return ArrayFormat.INDICES;
    }
    String value = format.isTextual() ? format.asText() : format.toString();
    for (ArrayFormat candidate : ArrayFormat.values()) {
      if (candidate.name().equals(value)) {
        return candidate;
      }
    }
    throw HttpTaskFailures.invalidParameter(
        "Transform.RequestEncodingOptions.ArrayFormat '"
            + value
            + "' is not one of BRACKETS, COMMAS, INDICES, REPEAT");
  }

  private static String requiredText(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      throw HttpTaskFailures.invalidParameter(field + " is required");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw HttpTaskFailures.invalidParameter(
          field + " must be a non-empty string; it is " + HttpFormEncoding.kind(node));
    }
    return node.asText();
  }

  private static String scalarText(JsonNode node, String field) {
    if (node.isContainerNode() || node.isNull()) {
      throw HttpTaskFailures.invalidParameter(
          field + " must be a string, number or boolean; it is " + HttpFormEncoding.kind(node));
    }
    return node.asText();
  }

  /** Percent-encodes for a URL's query: a space is {@code %20}, not {@code +}. */
  private static String query(String text) {
    return HttpFormEncoding.escape(text).replace("+", "%20");
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
