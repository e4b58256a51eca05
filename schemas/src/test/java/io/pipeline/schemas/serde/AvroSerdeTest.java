package io.pipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.schemas.s3.S3ObjectEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final SchemaCatalog catalog = SchemaCatalog.builtIn();
  private final AvroSerde<S3ObjectEvent> serde = AvroSerde.specific(S3ObjectEvent.class, catalog);

  @Test
  void shouldRoundTripRecordInSingleObjectEncoding() {
    S3ObjectEvent event = SampleRecords.objectEvent("in/a.csv");

    byte[] bytes = serde.encode("events", event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.decode("events", bytes)).isEqualTo(event);
  }

  @Test
  void shouldWriteTheBytesOfAvrosOwnSingleObjectEncoder() throws Exception {
    S3ObjectEvent event = SampleRecords.objectEvent("in/a.csv");
    BinaryMessageEncoder<S3ObjectEvent> avros =
        new BinaryMessageEncoder<>(SpecificData.get(), S3ObjectEvent.getClassSchema());

    assertThat(serde.encode("events", event)).isEqualTo(avros.encode(event).array());
  }

  @Test
  void shouldEncodeNextRecordWholeAfterOneFailedOrLarge() throws Exception {
    S3ObjectEvent event = SampleRecords.objectEvent("in/a.csv");
    byte[] expected = serde.encode("events", event);
    S3ObjectEvent broken = SampleRecords.objectEvent("in/b.csv");
    broken.setBucket(null); // written after eventId and eventName, so the buffer holds bytes

    assertThatThrownBy(() -> serde.encode("events", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("for topic 'events'");
    assertThat(serde.encode("events", event)).isEqualTo(expected);

    S3ObjectEvent large = SampleRecords.objectEvent("in/" + "x".repeat(2 << 20));
    assertThat(serde.decode("events", serde.encode("events", large))).isEqualTo(large);
    assertThat(serde.encode("events", event)).isEqualTo(expected);
  }

  @Test
  void shouldGiveDatumThatDataFileReadsBackWhenBodyOfEncodedRecordIsAppended() throws Exception {
    S3ObjectEvent event = SampleRecords.objectEvent("in/a.csv");
    ByteArrayOutputStream file = new ByteArrayOutputStream();

    try (DataFileWriter<S3ObjectEvent> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(S3ObjectEvent.class))
            .create(S3ObjectEvent.getClassSchema(), file)) {
      writer.appendEncoded(AvroSerde.body(serde.encode("events", event)));
    }

    try (DataFileStream<S3ObjectEvent> read =
        new DataFileStream<>(
            new ByteArrayInputStream(file.toByteArray()),
            new SpecificDatumReader<>(S3ObjectEvent.class))) {
      assertThat(read.next()).isEqualTo(event);
      assertThat(read.hasNext()).isFalse();
    }
    assertThatThrownBy(() -> AvroSerde.body(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadVersion1RecordsWithVersion2Class() {
    List<Schema> released =
        SchemaCatalog.releasedVersions(S3ObjectEvent.getClassSchema().getFullName());
    Schema v1 = released.get(0);
    assertThat(v1.getField("versionId")).isNull();
    GenericRecord old = new GenericData.Record(v1);
    old.put("eventId", "raw/old.csv@e1");
    old.put("eventName", "ObjectCreated:Put");
    old.put("source", new GenericData.EnumSymbol(v1.getField("source").schema(), "LISTING"));
    old.put("bucket", "raw");
    old.put("key", "old.csv");
    old.put("size", 7L);
    old.put("etag", "e1");
    old.put("sequencer", null);
    old.put("eventTime", 1_000L);
    old.put("observedAt", 2_000L);
    byte[] written = AvroSerde.<GenericRecord>generic(v1, catalog).encode("events", old);

    S3ObjectEvent read = serde.decode("events", written);

    assertThat(read.getKey()).isEqualTo("old.csv");
    assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
    assertThat(read.getVersionId()).isNull();
  }

  @Test
  void shouldPassTombstonesThrough() {
    assertThat(serde.encode("events", null)).isNull();
    assertThat(serde.decode("events", null)).isNull();
  }

  @Test
  void shouldNameTopicAndFingerprintWhenWriterSchemaIsUnknown() {
    Schema stranger =
        SchemaBuilder.record("Stranger")
            .namespace("elsewhere")
            .fields()
            .requiredString("x")
            .endRecord();
    GenericRecord record = new GenericData.Record(stranger);
    record.put("x", "y");
    byte[] bytes =
        AvroSerde.<GenericRecord>generic(stranger, new SchemaCatalog()).encode("t", record);

    assertThatThrownBy(() -> serde.decode("pipeline.s3.object-events", bytes))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("topic 'pipeline.s3.object-events'")
        .hasMessageContaining(HexFormat.of().toHexDigits(SchemaCatalog.fingerprint(stranger)))
        .hasMessageContaining("unknown");
  }

  @Test
  void shouldRejectBytesThatAreNotSingleObjectEncoded() {
    byte[] json = "{\"bucket\":\"raw\",\"key\":\"x\"}".getBytes();

    assertThatThrownBy(() -> serde.decode("events", json))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("not Avro single-object encoded")
        .hasMessageContaining("7b22");
  }

  @Test
  void shouldRejectTruncatedBody() {
    byte[] bytes = serde.encode("events", SampleRecords.objectEvent("in/a.csv"));
    byte[] truncated = Arrays.copyOf(bytes, 14);

    assertThatThrownBy(() -> serde.decode("events", truncated))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("corrupt io.pipeline.schemas.s3.S3ObjectEvent body");
  }

  @Test
  void shouldRejectTooShortInput() {
    assertThatThrownBy(() -> serde.decode("events", new byte[] {1, 2, 3}))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("got 3 bytes");
  }

  @Test
  void shouldLocateErrorAtPartitionAndOffset() {
    RecordDecodingException located =
        new RecordDecodingException("events", "bad", null).at(4, 1234L);

    assertThat(located)
        .hasMessage("Cannot decode the record at topic 'events', partition 4, offset 1234: bad");
    assertThat(located.partition()).hasValue(4);
    assertThat(located.offset()).hasValue(1234L);
  }
}
