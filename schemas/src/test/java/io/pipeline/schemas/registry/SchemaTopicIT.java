package io.pipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.RecordDecodingException;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.TopicAdmin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class SchemaTopicIT {

  /** A future version of S3ObjectEvent that this build does not ship. */
  private static final Schema V3 =
      SchemaBuilder.record("S3ObjectEvent")
          .namespace("io.pipeline.schemas.s3")
          .fields()
          .requiredString("eventId")
          .requiredString("eventName")
          .requiredString("bucket")
          .requiredString("key")
          .requiredLong("size")
          .name("eventTime")
          .type(Schema.create(Schema.Type.LONG))
          .noDefault()
          .name("observedAt")
          .type(Schema.create(Schema.Type.LONG))
          .noDefault()
          .optionalString("storageClass")
          .endRecord();

  private static Map<String, Object> client;

  @BeforeAll
  static void createTopics(LocalStack stack) {
    client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
    try (Admin admin = Admin.create(client)) {
      new TopicAdmin(admin).ensure(List.of(topics.schemas()), Optional.empty());
    }
  }

  @Test
  void shouldResolveWriterSchemaPublishedByNewerProducer() {
    try (SchemaTopic writerSide = new SchemaTopic(client, new SchemaCatalog());
        SchemaTopic readerSide = new SchemaTopic(client, SchemaCatalog.builtIn())) {
      writerSide.publish(List.of(V3));
      byte[] written =
          AvroSerde.<GenericRecord>generic(V3, new SchemaCatalog()).encode("t", v3Record());

      S3ObjectEvent read = AvroSerde.specific(S3ObjectEvent.class, readerSide).decode("t", written);

      assertThat(read.getKey()).isEqualTo("new/file.parquet");
      assertThat(read.getVersionId()).isNull();
    }
  }

  @Test
  void shouldReportUnknownFingerprintWhenNobodyPublishedTheSchema() {
    Schema unpublished =
        SchemaBuilder.record("S3ObjectEvent")
            .namespace("io.pipeline.schemas.s3")
            .fields()
            .requiredString("eventId")
            .optionalString("neverPublished")
            .endRecord();
    GenericRecord record = new GenericData.Record(unpublished);
    record.put("eventId", "x");
    byte[] written =
        AvroSerde.<GenericRecord>generic(unpublished, new SchemaCatalog()).encode("t", record);

    try (SchemaTopic readerSide = new SchemaTopic(client, SchemaCatalog.builtIn())) {
      AvroSerde<S3ObjectEvent> serde = AvroSerde.specific(S3ObjectEvent.class, readerSide);

      assertThatThrownBy(() -> serde.decode("pipeline.s3.object-events", written))
          .isInstanceOf(RecordDecodingException.class)
          .hasMessageContaining(SchemaTopic.key(unpublished))
          .hasMessageContaining("unknown");
    }
  }

  private static GenericRecord v3Record() {
    GenericRecord record = new GenericData.Record(V3);
    record.put("eventId", "raw/new/file.parquet@e9");
    record.put("eventName", "ObjectCreated:Put");
    record.put("bucket", "raw");
    record.put("key", "new/file.parquet");
    record.put("size", 10L);
    record.put("eventTime", 5L);
    record.put("observedAt", 6L);
    record.put("storageClass", "STANDARD");
    return record;
  }
}
