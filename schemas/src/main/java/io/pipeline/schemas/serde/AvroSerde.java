package io.pipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for Avro records in Avro's single-object encoding: a two-byte marker, the writer schema's
 * 8-byte fingerprint, then the binary body. The reader resolves the writer schema by fingerprint
 * from a {@link SchemaStore} and reads the record into its own schema, so records written with an
 * older (or newer, compatible) schema stay readable.
 *
 * <p>Works with generated classes ({@link #specific}) and with {@code GenericRecord}s of any schema
 * ({@link #generic}); both write the same bytes for the same schema.
 *
 * @param <T> the record type
 */
public final class AvroSerde<T> implements Serde<T> {

  private static final int HEADER_LENGTH = 10;

  static {
    TrustedClasses.register();
  }

  /** Each thread's encoding buffer, reused: most records are encoded on a few hot threads. */
  private static final ThreadLocal<EncodingBuffer> BUFFERS =
      ThreadLocal.withInitial(EncodingBuffer::new);

  private final Schema schema;
  private final byte[] header;
  private final DatumWriter<T> writer;
  private final BinaryMessageDecoder<T> decoder;

  @SuppressWarnings("unchecked")
  private AvroSerde(GenericData model, Schema schema, SchemaStore writerSchemas) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.header =
        ByteBuffer.allocate(HEADER_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0xC3)
            .put((byte) 0x01)
            .putLong(SchemaNormalization.parsingFingerprint64(schema))
            .array();
    this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
    this.decoder.addSchema(schema);
  }

  /**
   * A serde for a generated record class.
   *
   * @param type the generated class
   * @param writerSchemas where writer schemas are found by fingerprint
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(
      Class<T> type, SchemaStore writerSchemas) {
    SpecificData model = SpecificData.getForClass(type);
    return new AvroSerde<>(model, model.getSchema(type), writerSchemas);
  }

  /**
   * A serde for generic records of a schema.
   *
   * @param schema the schema records are written with and read into
   * @param writerSchemas where writer schemas are found by fingerprint
   */
  public static <T> AvroSerde<T> generic(Schema schema, SchemaStore writerSchemas) {
    return new AvroSerde<>(GenericData.get(), schema, writerSchemas);
  }

  /** The schema this serde writes with and reads into. */
  public Schema schema() {
    return schema;
  }

  /** Encodes a record; {@code null} (a tombstone) stays {@code null}. */
  public byte[] encode(String topic, T record) {
    if (record == null) {
      return null;
    }
    try {
      return BUFFERS.get().encode(header, writer, record);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode a " + schema.getFullName() + " for topic '" + topic + "': " + e, e);
    }
  }

  /**
   * Decodes a record; {@code null} (a tombstone) stays {@code null}.
   *
   * @throws RecordDecodingException when the bytes are not a record this serde can read
   */
  public T decode(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new RecordDecodingException(
          topic,
          "expected Avro single-object encoding (at least "
              + HEADER_LENGTH
              + " bytes) but got "
              + bytes.length
              + " bytes",
          null);
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException e) {
      throw new RecordDecodingException(
          topic,
          "not Avro single-object encoded (expected the marker c301, found "
              + HexFormat.of().formatHex(bytes, 0, 2)
              + "); was it written by a producer that does not use this topic's schema?",
          e);
    } catch (MissingSchemaException e) {
      throw new RecordDecodingException(
          topic,
          "the writer schema with fingerprint "
              + HexFormat.of().toHexDigits(fingerprintOf(bytes))
              + " is unknown: it is neither one of this build's schemas nor published on the"
              + " schema topic",
          e);
    } catch (KafkaException e) {
      // Looking the writer schema up on the schema topic failed: infrastructure, not bad data.
      throw e;
    } catch (IOException | RuntimeException e) {
      // The binary decoder reports truncated or garbled input in many ways (end of input,
      // negative lengths, bad union indexes): each means the body is not a valid record.
      throw new RecordDecodingException(
          topic, "corrupt " + schema.getFullName() + " body (" + e + ")", e);
    }
  }

  /**
   * The binary body of a single-object encoded record: the datum as Avro's binary encoding writes
   * it, e.g. for {@link org.apache.avro.file.DataFileWriter#appendEncoded} with the same schema.
   *
   * @param encoded what {@link #encode} gave
   */
  public static ByteBuffer body(byte[] encoded) {
    if (writerFingerprint(encoded).isEmpty()) {
      throw new IllegalArgumentException("not Avro single-object encoded");
    }
    return ByteBuffer.wrap(encoded, HEADER_LENGTH, encoded.length - HEADER_LENGTH);
  }

  private static long fingerprintOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /**
   * The writer schema's fingerprint in a single-object encoded record.
   *
   * @return empty when the bytes are not single-object encoded
   */
  public static OptionalLong writerFingerprint(byte[] bytes) {
    boolean encoded =
        bytes != null
            && bytes.length >= HEADER_LENGTH
            && bytes[0] == (byte) 0xC3
            && bytes[1] == 0x01;
    return encoded ? OptionalLong.of(fingerprintOf(bytes)) : OptionalLong.empty();
  }

  @Override
  public Serializer<T> serializer() {
    return this::encode;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::decode;
  }

  /**
   * A thread's buffer for encoding: the header, then the body through a buffered binary encoder
   * that writes to the stream in one piece on flush (Avro's own message encoder writes each value
   * straight to a growing stream, byte by byte for integers). The stream keeps its capacity between
   * records, unless a record made it large.
   */
  private static final class EncodingBuffer {

    private static final int KEPT_CAPACITY = 1 << 20;

    private ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;

    <T> byte[] encode(byte[] header, DatumWriter<T> writer, T record) throws IOException {
      out.reset();
      out.writeBytes(header);
      BinaryEncoder reused = encoder;
      encoder = null; // kept only once a record was encoded whole: no half-written buffer
      BinaryEncoder binary = EncoderFactory.get().binaryEncoder(out, reused);
      writer.write(record, binary);
      binary.flush();
      encoder = binary;
      byte[] bytes = out.toByteArray();
      if (bytes.length > KEPT_CAPACITY) {
        out = new ByteArrayOutputStream(1024);
      }
      return bytes;
    }
  }
}
