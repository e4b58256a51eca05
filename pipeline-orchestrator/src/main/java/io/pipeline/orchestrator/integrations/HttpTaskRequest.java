package io.pipeline.orchestrator.integrations;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The request an HTTP Task's parameters describe, before its connection's credentials are added.
 *
 * @param method GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD
 * @param uri the endpoint with its query parameters
 * @param headers header names (compared without case) to values
 * @param body the body's text, UTF-8 on the wire
 * @param connectionArn the connection named in {@code Authentication.ConnectionArn}
 */
record HttpTaskRequest(
    String method,
    URI uri,
    SortedMap<String, String> headers,
    Optional<String> body,
    Optional<String> connectionArn) {

  HttpTaskRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableSortedMap(copy);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(connectionArn, "connectionArn");
  }

  /** The same request with a header set, replacing one of the same name. */
  HttpTaskRequest withHeader(String name, String value) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    copy.remove(name);
    copy.put(name, value);
    return new HttpTaskRequest(method, uri, copy, body, connectionArn);
  }

  /** The same request with a header set unless one of that name is there already. */
  HttpTaskRequest withDefaultHeader(String name, String value) {
    return headers.containsKey(name) ? this : withHeader(name, value);
  }

  /** The value of a header, whatever the case of its name. */
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The service, as {@code host:port}, for causes and logs: never the path or query. */
  String target() {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }

  /** Headers for {@link #toString()}: names only, values may be secrets. */
  @Override
  public String toString() {
    return "HttpTaskRequest["
        + method
        + " "
        + uri.getScheme()
        + "://"
        + target()
        + uri.getRawPath()
        + ", headers="
        + headers.keySet()
        + ", body="
        + body.map(b -> b.length() + " chars").orElse("none")
        + ", connection="
        + connectionArn.orElse("none")
        + "]";
  }
}
