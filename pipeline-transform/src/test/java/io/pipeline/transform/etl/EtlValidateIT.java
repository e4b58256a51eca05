package io.pipeline.transform.etl;

import static io.pipeline.transform.etl.EtlFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The validate and catalog activities on a real S3 server: what is refused and why, and the
 * manifest that makes the same content a skip the next time.
 */
@ExtendWith(LocalStackExtension.class)
class EtlValidateIT {

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
    etl = EtlFixture.create(kafka, s3, Map.of(EtlConfig.MAX_OBJECT_BYTES.name(), "1KiB"));
  }

  @Test
  void shouldSayLoadWithFormatAndKeysWhenObjectIsAGoodCsv() throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));

    // when
    JsonNode validation = etl.validate.handle(task(etl.event("incoming/orders.csv")));

    // then
    assertThat(validation.path("action").asText()).isEqualTo("LOAD");
    assertThat(validation.path("format").asText()).isEqualTo("CSV");
    assertThat(validation.path("size").asLong())
        .isEqualTo(EtlTestData.example("orders.csv").length);
    assertThat(validation.path("etag").asText())
        .isEqualTo(etl.event("incoming/orders.csv").path("etag").asText());
    assertThat(validation.path("schema").asText()).isEqualTo("io.pipeline.examples.orders.Order");
    assertThat(validation.path("manifestKey").asText())
        .isEqualTo("catalog/orders.csv.manifest.json");
  }

  @Test
  void shouldSkipWhenTheSameContentWasLoadedAndCataloguedAlreadyEvenIfUploadedAgain()
      throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    JsonNode load = etl.validateAndTransform("incoming/orders.csv");
    JsonNode manifest = etl.catalog.handle(task(load));
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));

    // when
    JsonNode validation = etl.validate.handle(task(etl.event("incoming/orders.csv")));

    // then
    assertThat(validation.path("action").asText()).isEqualTo("SKIP");
    assertThat(validation.path("reason").asText())
        .startsWith(
            "already loaded: manifest s3://"
                + etl.bucket
                + "/catalog/orders.csv.manifest.json records this content");
    JsonNode stored = EtlFixture.json(etl.get("catalog/orders.csv.manifest.json"));
    assertThat(stored.toString()).isEqualTo(manifest.toString());
    assertThat(stored.path("source").path("etag")).isEqualTo(load.path("source").path("etag"));
    assertThat(stored.path("rows").toString()).isEqualTo(load.path("rows").toString());
    assertThat(stored.path("curated").path("sha256"))
        .isEqualTo(load.path("curated").path("sha256"));
    assertThat(stored.path("executionArn").asText()).endsWith(":execution:etl:test");
    assertThat(stored.path("manifestVersion").asInt()).isEqualTo(1);
  }

  @Test
  void shouldLoadAgainWhenTheObjectWasOverwrittenWithOtherContent() throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    etl.catalog.handle(task(etl.validateAndTransform("incoming/orders.csv")));
    etl.put("incoming/orders.csv", "order_id,customer,amount,currency,ordered_at\n".getBytes());

    // when
    JsonNode validation = etl.validate.handle(task(etl.event("incoming/orders.csv")));

    // then
    assertThat(validation.path("action").asText()).isEqualTo("LOAD");
  }

  @Test
  void shouldSkipWhenTheObjectChangedSinceTheEvent() throws Exception {
    // given
    etl.put("incoming/orders.csv", EtlTestData.example("orders.csv"));
    JsonNode event = etl.event("incoming/orders.csv");
    etl.put("incoming/orders.csv", "order_id,customer,amount,currency,ordered_at\n".getBytes());

    // when
    JsonNode validation = etl.validate.handle(task(event));

    // then
    assertThat(validation.path("action").asText()).isEqualTo("SKIP");
    assertThat(validation.path("reason").asText())
        .startsWith("the object changed since the event named it");
  }

  @Test
  void shouldFailWithInvalidObjectWhenObjectIsEmpty() {
    etl.put("incoming/empty.csv", new byte[0]);

    assertInvalid("incoming/empty.csv", "s3://%s/incoming/empty.csv is empty");
  }

  @Test
  void shouldFailWithInvalidObjectWhenObjectIsOverTheSizeLimit() {
    etl.put("incoming/big.csv", new byte[1025]);

    assertInvalid(
        "incoming/big.csv",
        "s3://%s/incoming/big.csv is 1025 bytes, over the limit of 1024 (ETL_MAX_OBJECT_BYTES)");
  }

  @Test
  void shouldFailWithInvalidObjectWhenFormatIsUnknown() {
    etl.put("incoming/orders.xlsx", "x".getBytes(StandardCharsets.UTF_8));

    assertInvalid(
        "incoming/orders.xlsx",
        "s3://%s/incoming/orders.xlsx has no format the workers read (content type"
            + " application/octet-stream); expected extensions .csv, .jsonl, .ndjson or content types"
            + " text/csv, application/x-ndjson");
  }

  @Test
  void shouldFailWithInvalidObjectWhenCsvHeaderDoesNotNameTheSchemasFields() {
    etl.put("incoming/people.csv", "name,age\nann,3\n".getBytes(StandardCharsets.UTF_8));

    assertInvalid(
        "incoming/people.csv",
        "s3://%s/incoming/people.csv is not CSV of schema Order: column 'name' is not a field of"
            + " Order; column 'age' is not a field of Order; column 'order_id' is missing; column"
            + " 'customer' is missing; column 'amount' is missing; column 'currency' is missing;"
            + " column 'ordered_at' is missing");
  }

  @Test
  void shouldFailWithInvalidObjectWhenJsonLinesDoNotStartWithAnObject() {
    etl.put("incoming/orders.jsonl", "order_id,customer\n".getBytes(StandardCharsets.UTF_8));

    assertInvalid(
        "incoming/orders.jsonl",
        "s3://%s/incoming/orders.jsonl is not JSONL of schema Order: its first line does not"
            + " start a JSON object");
  }

  @Test
  void shouldFailWithObjectNotFoundWhenTheObjectIsGone() {
    ObjectRef gone =
        new ObjectRef(
            etl.bucket,
            "incoming/gone.csv",
            java.util.Optional.empty(),
            java.util.Optional.empty());

    assertThatThrownBy(() -> etl.validate.validate(gone))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> {
              assertThat(e.error()).isEqualTo(EtlErrors.OBJECT_NOT_FOUND);
              assertThat(e.getMessage()).startsWith("s3://" + etl.bucket + "/incoming/gone.csv: ");
            });
  }

  @Test
  void shouldFailWithInvalidInputWhenTheInputNamesNoObject() {
    assertThatThrownBy(
            () -> etl.validate.handle(task(EtlFixture.JSON.createObjectNode().put("key", "a.csv"))))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> {
              assertThat(e.error()).isEqualTo(EtlErrors.INVALID_INPUT);
              assertThat(e.getMessage())
                  .isEqualTo("The task input has no 'bucket' (a string): {\"key\":\"a.csv\"}");
            });
  }

  private void assertInvalid(String key, String cause) {
    assertThatThrownBy(() -> etl.validate.handle(task(etl.event(key))))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> {
              assertThat(e.error()).isEqualTo(EtlErrors.INVALID_OBJECT);
              assertThat(e.getMessage()).isEqualTo(cause.formatted(etl.bucket));
            });
  }
}
