package io.pipeline.ingest.s3.notify;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the deduplication step remembers of a key: the last object version it reported.
 *
 * @param sequencer its sequencer, when the notification had one
 * @param etag its ETag, when given
 * @param versionId its version id, when given
 * @param seenAt when its notification was received (epoch millis), for the retention
 */
record LastSeen(
    Optional<String> sequencer, Optional<String> etag, Optional<String> versionId, long seenAt) {

  private static final byte FORMAT = 1;

  LastSeen {
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(versionId, "versionId");
  }

  static LastSeen of(ObjectNotification notification, long seenAt) {
    return new LastSeen(
        notification.sequencer(), notification.etag(), notification.versionId(), seenAt);
  }

  /**
   * Whether a notification tells of something this one has not: a later sequencer, or, when either
   * has no sequencer, another ETag or version.
   */
  boolean isOlderThan(ObjectNotification next) {
    if (sequencer.isPresent() && next.sequencer().isPresent()) {
      return Sequencers.compare(sequencer.get(), next.sequencer().get()) < 0;
    }
    return !(etag.equals(next.etag()) && versionId.equals(next.versionId()));
  }

  /** The store's serde: a format byte, then each field. */
  static Serde<LastSeen> serde() {
    Serializer<LastSeen> serializer = (topic, value) -> value == null ? null : value.bytes();
    Deserializer<LastSeen> deserializer =
        (topic, bytes) -> bytes == null ? null : LastSeen.read(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private byte[] bytes() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      writeOptional(out, sequencer);
      writeOptional(out, etag);
      writeOptional(out, versionId);
      out.writeLong(seenAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static LastSeen read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("Unknown format " + format + " of a LastSeen entry");
      }
      return new LastSeen(readOptional(in), readOptional(in), readOptional(in), in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeOptional(DataOutputStream out, Optional<String> value)
      throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeUTF(value.get());
    }
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
  }
}
