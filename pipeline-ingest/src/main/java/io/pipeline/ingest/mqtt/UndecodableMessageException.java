package io.pipeline.ingest.mqtt;

/** A message its mapping cannot turn into a record; the message says what is wrong and where. */
public final class UndecodableMessageException extends RuntimeException {

  public UndecodableMessageException(String reason) {
    super(reason, null, false, false);
  }
}
