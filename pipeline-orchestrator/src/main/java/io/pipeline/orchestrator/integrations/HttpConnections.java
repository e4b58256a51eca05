package io.pipeline.orchestrator.integrations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connections HTTP Tasks may name, keyed by connection ARN or by connection name. A task's
 * {@code Authentication.ConnectionArn} finds its entry by the whole ARN first, then by the name in
 * it ({@code arn:aws:events:<region>:<account>:connection/<name>/<id>}).
 *
 * <p>Read from JSON such as {@code {"orders": {"type": "BASIC", "username": "u", "password":
 * "p"}}}; types: {@code NONE}, {@code BASIC} ({@code username}, {@code password}), {@code API_KEY}
 * ({@code name}, {@code value}), {@code OAUTH_CLIENT_CREDENTIALS} ({@code tokenEndpoint}, {@code
 * clientId}, {@code clientSecret}, optional {@code scope}). Messages about a bad entry name the
 * setting, the entry and the property, never a value.
 */
public final class HttpConnections {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Pattern CONNECTION_ARN =
      Pattern.compile("arn:aws[a-z-]*:events:[^:]*:[^:]*:connection/([^/]+)(/.*)?");

  private static final Map<String, Set<String>> PROPERTIES =
      Map.of(
          "NONE", Set.of("type"),
          "BASIC", Set.of("type", "username", "password"),
          "API_KEY", Set.of("type", "name", "value"),
          "OAUTH_CLIENT_CREDENTIALS",
              Set.of("type", "tokenEndpoint", "clientId", "clientSecret", "scope"));

  private final Map<String, HttpConnection> connections;

  /** Connections by ARN or name. */
  public HttpConnections(Map<String, HttpConnection> connections) {
    this.connections = Map.copyOf(connections);
  }

  /** No connections at all. */
  public static HttpConnections none() {
    return new HttpConnections(Map.of());
  }

  /**
   * Reads connections from a setting's value.
   *
   * @param setting the setting's name, for messages
   * @param value a JSON object, or {@code @path} of a UTF-8 file holding one
   * @throws ConfigException naming the setting and what is wrong, without any secret
   */
  public static HttpConnections parse(String setting, String value) {
    String source = "Setting " + setting;
    String text = value;
    if (value.startsWith("@")) {
      Path file = Path.of(value.substring(1));
      source = source + "=@" + file;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(source + ": cannot read the file: " + e.getMessage(), e);
      }
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote the text near the error, and the text holds secrets.
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(source + " is not valid JSON" + where);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(
          source
              + " must be a JSON object of connection ARNs or names to connections, e.g. "
              + "{\"orders\": {\"type\": \"BASIC\", \"username\": \"...\", \"password\": \"...\"}}");
    }
    Map<String, HttpConnection> connections = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      try {
        connections.put(entry.getKey(), connection(entry.getValue()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            source + ": connection '" + entry.getKey() + "': " + e.getMessage(), e);
      }
    }
    return new HttpConnections(connections);
  }

  /**
   * The connection a task names.
   *
   * @param connectionArn the task's {@code Authentication.ConnectionArn}: an ARN or a name
   */
  public Optional<HttpConnection> find(String connectionArn) {
    HttpConnection exact = connections.get(connectionArn);
    if (exact != null) {
      return Optional.of(exact);
    }
    Matcher arn = CONNECTION_ARN.matcher(connectionArn);
    return arn.matches() ? Optional.ofNullable(connections.get(arn.group(1))) : Optional.empty();
  }

  /** The ARNs and names configured, for messages. */
  public List<String> keys() {
    return connections.keySet().stream().sorted().toList();
  }

  @Override
  public String toString() {
    return "HttpConnections" + connections;
  }

  private static HttpConnection connection(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be a JSON object with a 'type'");
    }
    String type = text(node, "type").toUpperCase(Locale.ROOT);
    Set<String> known = PROPERTIES.get(type);
    if (known == null) {
      throw new IllegalArgumentException(
          "type '" + type + "' is not one of NONE, BASIC, API_KEY, OAUTH_CLIENT_CREDENTIALS");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown property '"
                + name
                + "' for type "
                + type
                + " (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
    switch (type) {
      case "NONE":
        return new HttpConnection.None();
      case "BASIC":
        String username = text(node, "username");
        if (username.contains(":")) {
          throw new IllegalArgumentException("'username' must not contain ':' (RFC 7617)");
        }
        return new HttpConnection.Basic(username, text(node, "password"));
      case "API_KEY":
        String name = text(node, "name");
        if (!HttpTaskParameters.isToken(name)) {
          throw new IllegalArgumentException("'name' must be a header name");
        }
        String key = text(node, "value");
        if (key.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
          throw new IllegalArgumentException("'value' holds a line break or NUL character");
        }
        return new HttpConnection.ApiKey(name, key);
      default:
        return new HttpConnection.OAuthClientCredentials(
            tokenEndpoint(text(node, "tokenEndpoint")),
            text(node, "clientId"),
            text(node, "clientSecret"),
            node.has("scope") ? Optional.of(text(node, "scope")) : Optional.empty());
    }
  }

  private static URI tokenEndpoint(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'tokenEndpoint' '" + text + "' must be an https:// or http:// URL with a host");
  }

  private static String text(JsonNode node, String property) {
    JsonNode value = node.get(property);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("'" + property + "' is required");
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("'" + property + "' must be a non-empty string");
    }
    return value.asText();
  }
}
