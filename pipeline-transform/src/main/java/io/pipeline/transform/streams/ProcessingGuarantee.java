package io.pipeline.transform.streams;

import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/** How often a topology's output may hold a record's result, as Kafka Streams guarantees it. */
public enum ProcessingGuarantee {
  /**
   * At least once: after a crash a record may run again and its output be written again. The
   * execution's name, seed and time come from the record, so the repeat is the same output.
   */
  AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE),
  /** Exactly once: the output and the consumed offset commit in one transaction. */
  EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2);

  private final String config;

  ProcessingGuarantee(String config) {
    this.config = config;
  }

  /** The value of {@link StreamsConfig#PROCESSING_GUARANTEE_CONFIG}, as settings spell it. */
  public String config() {
    return config;
  }

  /** The guarantee a setting or a step file names, e.g. {@code at_least_once}. */
  public static Optional<ProcessingGuarantee> of(String config) {
    return Arrays.stream(values()).filter(g -> g.config.equals(config)).findFirst();
  }
}
