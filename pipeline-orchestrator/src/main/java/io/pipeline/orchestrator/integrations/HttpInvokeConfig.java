package io.pipeline.orchestrator.integrations;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of HTTP Tasks ({@code arn:aws:states:::http:invoke}).
 *
 * @param timeout how long a call may take, from sending to the whole answer read
 * @param connectTimeout how long connecting may take
 * @param maxResponseBytes the largest answer body read
 * @param idempotencyHeader the header that carries a call's idempotency key, or empty for none
 * @param connections the credentials of the connections tasks name
 */
public record HttpInvokeConfig(
    Duration timeout,
    Duration connectTimeout,
    int maxResponseBytes,
    Optional<String> idempotencyHeader,
    HttpConnections connections) {

  /** AWS's limit on a state's payload, which an answer's body must stay within. */
  public static final int AWS_PAYLOAD_LIMIT = 256 * 1024;

  public static final Setting<Optional<String>> CONNECTIONS =
      Setting.optionalString(
          "ORCHESTRATOR_HTTP_TASK_CONNECTIONS",
          "Credentials of the connections HTTP Tasks name in Authentication.ConnectionArn (in"
              + " place of EventBridge connections): a JSON object, or @file to read it from a"
              + " file, keyed by connection ARN or connection name, e.g. {\"orders\": {\"type\":"
              + " \"BASIC\", \"username\": \"u\", \"password\": \"p\"}}. Types: NONE; BASIC"
              + " (username, password); API_KEY (name: the header, value); OAUTH_CLIENT_CREDENTIALS"
              + " (tokenEndpoint, clientId, clientSecret, scope). Unset: no connections.");
  public static final Setting<Duration> TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_HTTP_TASK_TIMEOUT",
          "60s",
          "How long an HTTP Task's call may take before it fails with States.Http.Socket (AWS: 60s).");
  public static final Setting<Duration> CONNECT_TIMEOUT =
      Setting.duration(
          "ORCHESTRATOR_HTTP_TASK_CONNECT_TIMEOUT",
          "10s",
          "How long connecting to an HTTP Task's endpoint may take; at most the call's timeout.");
  public static final Setting<Integer> MAX_RESPONSE_BYTES =
      Setting.integer(
          "ORCHESTRATOR_HTTP_TASK_MAX_RESPONSE_BYTES",
          AWS_PAYLOAD_LIMIT,
          1024,
          16 * 1024 * 1024,
          "The largest answer body an HTTP Task reads; a larger one fails the task with"
              + " States.DataLimitExceeded. AWS's payload limit is 256 KiB (262144).");
  public static final Setting<String> IDEMPOTENCY_HEADER =
      Setting.string(
          "ORCHESTRATOR_HTTP_TASK_IDEMPOTENCY_HEADER",
          "Idempotency-Key",
          "The header an HTTP Task's call carries its idempotency key in (the same for every"
              + " delivery of one attempt, so a server can drop duplicates), unless the task"
              + " sets that header itself; blank for none.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(CONNECTIONS, TIMEOUT, CONNECT_TIMEOUT, MAX_RESPONSE_BYTES, IDEMPOTENCY_HEADER);

  public HttpInvokeConfig {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idempotencyHeader, "idempotencyHeader");
    Objects.requireNonNull(connections, "connections");
  }

  /** Reads and validates the settings. */
  public static HttpInvokeConfig from(Settings settings) {
    Duration timeout = settings.get(TIMEOUT);
    Duration connectTimeout = settings.get(CONNECT_TIMEOUT);
    if (connectTimeout.compareTo(timeout) > 0) {
      throw new ConfigException(
          "Setting "
              + CONNECT_TIMEOUT.name()
              + "="
              + connectTimeout
              + " is invalid: at most "
              + TIMEOUT.name()
              + " ("
              + timeout
              + ")");
    }
    String header = settings.get(IDEMPOTENCY_HEADER).trim();
    if (!header.isEmpty()
        && (!HttpTaskParameters.isToken(header) || HttpTaskParameters.isRefused(header))) {
      throw new ConfigException(
          "Setting "
              + IDEMPOTENCY_HEADER.name()
              + "='"
              + header
              + "' is invalid: expected a header name an HTTP Task may send, e.g."
              + " Idempotency-Key");
    }
    HttpConnections connections =
        settings
            .get(CONNECTIONS)
            .map(value -> HttpConnections.parse(CONNECTIONS.name(), value))
            .orElseGet(HttpConnections::none);
    return new HttpInvokeConfig(
        timeout,
        connectTimeout,
        settings.get(MAX_RESPONSE_BYTES),
        header.isEmpty() ? Optional.empty() : Optional.of(header),
        connections);
  }

  /** The defaults with these connections, for tests and embedding. */
  public static HttpInvokeConfig of(HttpConnections connections) {
    return new HttpInvokeConfig(
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        AWS_PAYLOAD_LIMIT,
        Optional.of("Idempotency-Key"),
        connections);
  }
}
