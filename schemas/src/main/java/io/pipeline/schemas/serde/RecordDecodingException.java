package io.pipeline.schemas.serde;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes could not be decoded: they are not Avro single-object encoded, their writer
 * schema is unknown, or the body is corrupt. The message names the topic and, once known, the
 * partition and offset, so that an operator can find the record.
 */
public final class RecordDecodingException extends SerializationException {

  private final String topic;
  private final String problem;
  private final OptionalInt partition;
  private final OptionalLong offset;

  /**
   * @param topic the topic the record was read from
   * @param problem what is wrong with the bytes
   * @param cause the underlying decoder error, or null
   */
  public RecordDecodingException(String topic, String problem, Throwable cause) {
    this(topic, problem, OptionalInt.empty(), OptionalLong.empty(), cause);
  }

  private RecordDecodingException(
      String topic, String problem, OptionalInt partition, OptionalLong offset, Throwable cause) {
    super(format(topic, problem, partition, offset), cause);
    this.topic = topic;
    this.problem = problem;
    this.partition = partition;
    this.offset = offset;
  }

  /** The same error, located at a partition and offset. */
  public RecordDecodingException at(int partition, long offset) {
    return new RecordDecodingException(
        topic, problem, OptionalInt.of(partition), OptionalLong.of(offset), getCause());
  }

  public String topic() {
    return topic;
  }

  public OptionalInt partition() {
    return partition;
  }

  public OptionalLong offset() {
    return offset;
  }

  private static String format(
      String topic, String problem, OptionalInt partition, OptionalLong offset) {
    StringBuilder where = new StringBuilder("topic '").append(topic).append('\'');
    partition.ifPresent(p -> where.append(", partition ").append(p));
    offset.ifPresent(o -> where.append(", offset ").append(o));
    return "Cannot decode the record at " + where + ": " + problem;
  }
}
