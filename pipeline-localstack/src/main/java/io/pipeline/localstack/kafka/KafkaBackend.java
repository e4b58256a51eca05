package io.pipeline.localstack.kafka;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Where the Kafka cluster of the stack or of a test comes from. */
public enum KafkaBackend {
  /** Apache Kafka's own KRaft broker, started in this JVM. */
  EMBEDDED,
  /** Testcontainers' Kafka module, where a Docker engine is available. */
  TESTCONTAINERS,
  /** A cluster that is already running, given by {@value #BOOTSTRAP_ENV}. */
  EXTERNAL;

  /** Environment variable naming an external cluster's bootstrap servers. */
  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  /** Environment variable that forces a backend: {@code embedded}, {@code testcontainers}... */
  public static final String FORCE_ENV = "PIPELINE_KAFKA";

  /**
   * Chooses the backend for tests: the one {@value #FORCE_ENV} names; else an external cluster when
   * {@value #BOOTSTRAP_ENV} is set; else Testcontainers when a Docker engine answers; else the
   * embedded broker.
   *
   * @param env the environment variables
   * @param dockerAvailable asked only when the choice depends on it
   * @throws IllegalArgumentException when {@value #FORCE_ENV} names no backend, or names the
   *     external one without {@value #BOOTSTRAP_ENV}
   */
  public static KafkaBackend select(Map<String, String> env, BooleanSupplier dockerAvailable) {
    Optional<String> forced = nonBlank(env.get(FORCE_ENV));
    boolean bootstrapGiven = nonBlank(env.get(BOOTSTRAP_ENV)).isPresent();
    if (forced.isPresent()) {
      KafkaBackend backend = parse(forced.get());
      if (backend == EXTERNAL && !bootstrapGiven) {
        throw new IllegalArgumentException(
            FORCE_ENV + "=external needs " + BOOTSTRAP_ENV + " to name the cluster's brokers");
      }
      return backend;
    }
    if (bootstrapGiven) {
      return EXTERNAL;
    }
    return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
  }

  private static KafkaBackend parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String valid =
          Arrays.stream(values())
              .map(b -> b.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          FORCE_ENV + "='" + name + "' is not a Kafka backend; use one of: " + valid, e);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
