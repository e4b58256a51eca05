package io.pipeline.examples.kafka;

/** A store's write that Kafka did not take: worth trying again later. */
public final class StoreUnavailableException extends Exception {

  /**
   * @param topic the store's topic
   * @param reason what went wrong
   * @param cause the client's failure
   */
  public StoreUnavailableException(String topic, String reason, Throwable cause) {
    super("Kafka did not take the write to " + topic + ": " + reason, cause);
  }
}
