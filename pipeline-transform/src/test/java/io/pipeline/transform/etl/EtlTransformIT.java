package io.pipeline.transform.etl;

import static io.pipeline.transform.etl.EtlFixture.json;
import static io.pipeline.transform.etl.EtlFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transform on a real broker and S3 server: rows on the topic (committed only), the curated
 * Avro file, the quarantine report, the counts and checksums; reruns; failures that leave nothing.
 */
@ExtendWith(LocalStackExtension.class)
class EtlTransformIT {

  private static KafkaSettings kafka;
  private static S3Client s3;
  private EtlFixture etl;

  @BeforeAll
  static void prepare(LocalStack stack) {
    kafka = EtlFixture.kafka(stack);
    s3 = stack.s3().newClient();
  }

  @BeforeEach
  void createBucketAndTopic() {
    etl = EtlFixture.create(kafka, s3, Map.of());
  }

  @Test
  void shouldLoadGoodRowsToTopicAndCuratedFileAndBadOnesToQuarantineWhenObjectIsCsv()
      throws Exception {
    // given
    byte[] csv = EtlTestData.example("orders.csv");
    etl.put("incoming/orders.csv", csv);

    // when
    JsonNode load = etl.validateAndTransform("incoming/orders.csv");

    // then
    assertThat(load.path("rows").toString()).isEqualTo("{\"in\":6,\"good\":4,\"quarantined\":2}");
    assertThat(load.path("source").path("sha256").asText()).isEqualTo(sha256(csv));
    assertThat(load.path("source").path("bytes").asLong()).isEqualTo(csv.length);
    assertThat(load.path("source").path("format").asText()).isEqualTo("CSV");
    assertThat(load.path("curated").path("key").asText()).isEqualTo("curated/orders.csv.avro");
    assertThat(load.path("quarantine").path("key").asText())
        .isEqualTo("quarantine/orders.csv.errors.jsonl");
    assertThat(load.path("topic").asText()).isEqualTo(etl.config.rowsTopic());

    List<ConsumerRecord<String, byte[]>> rows = etl.rows(4);
    assertThat(rows)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(
            expectedIds("incoming/orders.csv", csv, DataFormat.CSV));
    assertThat(etl.decode(rows))
        .extracting(r -> r.get("order_id").toString())
        .containsExactlyInAnyOrder("o-1001", "o-1002", "o-1003", "o-1005");

    byte[] curated = etl.get("curated/orders.csv.avro");
    assertThat(sha256(curated)).isEqualTo(load.path("curated").path("sha256").asText());
    assertThat(curated(curated))
        .extracting(r -> r.get("order_id").toString())
        .containsExactly("o-1001", "o-1002", "o-1003", "o-1005");

    List<JsonNode> quarantined = jsonLines(etl.get("quarantine/orders.csv.errors.jsonl"));
    assertThat(quarantined).hasSize(2);
    assertThat(quarantined.get(0))
        .isEqualTo(
            json(
                ("{\"row\": 4, \"line\": 5, \"reason\": \"column 'amount': expected a number,"
                        + " got 'twelve'\", \"text\": \"o-1004,dave,twelve,EUR,"
                        + "2026-01-05T10:15:00Z,\"}")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(quarantined.get(1).path("line").asInt()).isEqualTo(7);
  }

  @Test
  void shouldLoadJsonLinesAndQuarantineLinesThatAreNotOrdersOrNotJson() throws Exception {
    // given
    byte[] jsonl = EtlTestData.example("orders.jsonl");
    etl.put("incoming/2026/orders.jsonl", jsonl);

    // when
    JsonNode load = etl.validateAndTransform("incoming/2026/orders.jsonl");

    // then
    assertThat(load.path("rows").toString()).isEqualTo("{\"in\":5,\"good\":3,\"quarantined\":2}");
    List<ConsumerRecord<String, byte[]>> rows = etl.rows(3);
    assertThat(rows)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(
            expectedIds("incoming/2026/orders.jsonl", jsonl, DataFormat.JSONL));
    assertThat(curated(etl.get("curated/2026/orders.jsonl.avro")))
        .extracting(r -> r.get("order_id").toString())
        .containsExactly("o-2001", "o-2002", "o-2004");
    assertThat(jsonLines(etl.get("quarantine/2026/orders.jsonl.errors.jsonl")))
        .extracting(l -> l.path("line").asInt() + ": " + l.path("reason").asText())
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo("3: at $.amount: expected a number, got \"a lot\""),
            l -> assertThat(l).startsWith("5: not JSON: "));
  }

  @Test
  void shouldWriteTheSameIdsAndTheSameCuratedFileWhenTheSameObjectIsLoadedAgain() throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    JsonNode first = etl.validateAndTransform("incoming/orders.csv");

    // when
    JsonNode second = etl.validateAndTransform("incoming/orders.csv");

    // then
    List<ConsumerRecord<String, byte[]>> rows = etl.rows(8);
    assertThat(rows).hasSize(8);
    assertThat(rows.stream().map(ConsumerRecord::key).distinct()).hasSize(4);
    assertThat(second.path("curated").path("sha256"))
        .isEqualTo(first.path("curated").path("sha256"));
    assertThat(second.path("transactionalId")).isEqualTo(first.path("transactionalId"));
  }

  @Test
  void shouldLeaveNothingVisibleWhenTheObjectBreaksAfterSomeGoodRows() throws Exception {
    // given: a quote opened in the last row swallows the rest of the file
    String csv =
        new String(EtlTestData.example("orders.csv"), StandardCharsets.UTF_8)
            + "o-1007,\"never closed,1,EUR,2026-01-05T12:00:00Z,\n";
    etl.put("incoming/broken.csv", csv.getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThatThrownBy(() -> etl.validateAndTransform("incoming/broken.csv"))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> {
              assertThat(e.error()).isEqualTo(EtlErrors.INVALID_OBJECT);
              assertThat(e.getMessage())
                  .startsWith("s3://" + etl.bucket + "/incoming/broken.csv: reading the object")
                  .contains("Missing closing quote");
            });
    assertThat(etl.rows(0)).isEmpty();
    assertThat(etl.exists("curated/broken.csv.avro")).isFalse();
    assertThat(etl.exists("quarantine/broken.csv.errors.jsonl")).isFalse();
  }

  @Test
  void shouldFailWithObjectChangedAndLoadNothingWhenObjectWasOverwrittenAfterValidation()
      throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    JsonNode validated = etl.validate.handle(task(etl.event("incoming/orders.csv")));
    etl.put(
        "incoming/orders.csv",
        "order_id,customer,amount,currency,ordered_at\n".getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThatThrownBy(
            () ->
                etl.transform.handle(
                    task(
                        EtlFixture.JSON
                            .createObjectNode()
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                "object", validated)
                            .put("format", "CSV"))))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> assertThat(e.error()).isEqualTo(EtlErrors.OBJECT_CHANGED));
    assertThat(etl.rows(0)).isEmpty();
  }

  @Test
  void shouldFailWithS3UnavailableWhenS3DoesNotAnswer() throws Exception {
    // given: an S3 client for a port where nothing listens
    try (S3Client down =
        new io.pipeline.localstack.s3.S3Endpoint(
                java.net.URI.create("http://127.0.0.1:" + io.pipeline.localstack.Ports.free()),
                "us-east-1",
                "pipeline",
                "pipeline-secret")
            .newClient()) {
      TransformStage transform = new TransformStage(down, kafka, etl.config, Clock.systemUTC());
      ObjectRef object =
          new ObjectRef(etl.bucket, "incoming/a.csv", Optional.of("x"), Optional.empty());

      // when / then
      assertThatThrownBy(
              () -> transform.load(object, DataFormat.CSV, Heartbeats.none(Clock.systemUTC())))
          .isInstanceOfSatisfying(
              TaskFailedException.class,
              e -> assertThat(e.error()).isEqualTo(EtlErrors.S3_UNAVAILABLE));
    }
  }

  private List<String> expectedIds(String key, byte[] content, DataFormat format)
      throws IOException {
    RowReader reader =
        format == DataFormat.CSV
            ? CsvRowReader.open(new ByteArrayInputStream(content), EtlTestData.orders(), 1 << 20)
            : new JsonLinesRowReader(
                new ByteArrayInputStream(content), EtlTestData.orders(), 1 << 20);
    return CsvRowReaderTest.readAll(reader).stream()
        .filter(Row.Good.class::isInstance)
        .map(Row.Good.class::cast)
        .map(r -> new RowIds(etl.bucket, key).id(r.number(), r.content()))
        .toList();
  }

  private static List<GenericRecord> curated(byte[] avro) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(avro), new GenericDatumReader<>())) {
      in.forEach(records::add);
    }
    return records;
  }

  private static List<JsonNode> jsonLines(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8)
        .lines()
        .map(l -> json(l.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
