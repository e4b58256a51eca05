package io.pipeline.common.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/** What every consumer of the pipeline does the same way. */
public final class Consumers {

  /**
   * How long a closing consumer may take to leave its group. A consumer still joining one (its
   * group waits for a member that died) would otherwise wait out its default 30 s, holding back a
   * stopping service; the group forgets a member that did not leave after its session timeout.
   */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private Consumers() {}

  /** Closes a consumer within {@link #CLOSE_TIMEOUT}. */
  public static void close(Consumer<?, ?> consumer) {
    consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
  }
}
