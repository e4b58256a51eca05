package io.pipeline.ingest.http;

import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the ingest service's HTTP server: the produce endpoint, {@code /metrics} and {@code
 * /health}.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 * @param idempotencyWindow how long an idempotency key is remembered
 * @param idempotencyMaxKeys how many idempotency keys are remembered at most
 */
public record IngestHttpConfig(
    String host, int port, int maxBodyBytes, Duration idempotencyWindow, int idempotencyMaxKeys) {

  public static final Setting<String> HOST =
      Setting.string("INGEST_HTTP_HOST", "0.0.0.0", "Address the ingest HTTP server listens on.");
  public static final Setting<Integer> PORT =
      Setting.integer(
          "INGEST_HTTP_PORT",
          8081,
          0,
          65535,
          "Port of the ingest HTTP server (produce endpoint, /metrics, /health); 0 for any free"
              + " port.");
  public static final Setting<Integer> MAX_BODY_BYTES =
      Setting.integer(
          "INGEST_HTTP_MAX_BODY_BYTES",
          1024 * 1024,
          1024,
          64 * 1024 * 1024,
          "Largest request body the produce endpoint accepts, in bytes; larger ones get 413.");
  public static final Setting<Duration> IDEMPOTENCY_WINDOW =
      Setting.duration(
          "INGEST_IDEMPOTENCY_WINDOW",
          "24h",
          "How long the produce endpoint remembers an idempotency key: a record posted again"
              + " with the same key within this time is not written again.");
  public static final Setting<Integer> IDEMPOTENCY_MAX_KEYS =
      Setting.integer(
          "INGEST_IDEMPOTENCY_MAX_KEYS",
          1_000_000,
          1,
          100_000_000,
          "Most idempotency keys remembered at once (each costs about 200 bytes of heap); beyond"
              + " it the oldest are forgotten before their window ends.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(HOST, PORT, MAX_BODY_BYTES, IDEMPOTENCY_WINDOW, IDEMPOTENCY_MAX_KEYS);

  /** Reads and validates the HTTP server's settings. */
  public static IngestHttpConfig from(Settings settings) {
    return new IngestHttpConfig(
        settings.get(HOST),
        settings.get(PORT),
        settings.get(MAX_BODY_BYTES),
        settings.get(IDEMPOTENCY_WINDOW),
        settings.get(IDEMPOTENCY_MAX_KEYS));
  }
}
