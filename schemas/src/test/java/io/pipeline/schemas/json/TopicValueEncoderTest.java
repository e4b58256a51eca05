package io.pipeline.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicValueEncoderTest {

  private final SchemaCatalog catalog = SchemaCatalog.builtIn();
  private final PipelineTopics topics = new PipelineTopics(catalog);

  @Test
  void shouldWriteAvroForThePipelinesAvroTopics() throws Exception {
    TopicValueEncoder encoder =
        TopicValueEncoder.forTopic(PipelineTopics.IOT_TELEMETRY, topics, catalog);

    byte[] bytes =
        encoder.encode(
            TopicValueEncoder.JSON.readTree(
                "{\"readingId\": \"r1\", \"deviceId\": \"d1\", \"metric\": \"temp\","
                    + " \"value\": 21.50, \"eventTime\": \"2026-01-01T00:00:00Z\"}"));

    TelemetryReading reading =
        AvroSerde.specific(TelemetryReading.class, catalog)
            .decode(PipelineTopics.IOT_TELEMETRY, bytes);
    assertThat(reading.getValue()).isEqualTo(21.5);
    assertThat(encoder.schema()).hasValue(TelemetryReading.getClassSchema());
  }

  @Test
  void shouldNamePathAndProblemWhenAValueDoesNotFit() throws Exception {
    TopicValueEncoder encoder =
        TopicValueEncoder.forTopic(PipelineTopics.IOT_TELEMETRY, topics, catalog);

    assertThatThrownBy(
            () ->
                encoder.encode(
                    TopicValueEncoder.JSON.readTree(
                        "{\"readingId\": \"r1\", \"deviceId\": \"d1\", \"metric\": \"temp\","
                            + " \"value\": \"hot\", \"eventTime\": 0}")))
        .isInstanceOfSatisfying(
            JsonRecordException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.value");
              assertThat(e.problem()).isEqualTo("expected a number, got \"hot\"");
            });
  }

  @Test
  void shouldWriteOtherTopicsValuesAsCompactJsonWithNumbersAsWritten() throws Exception {
    TopicValueEncoder encoder = TopicValueEncoder.forTopic("orders", topics, catalog);

    byte[] bytes =
        encoder.encode(
            TopicValueEncoder.JSON.readTree(
                "{ \"amount\": 10.50, \"big\": 12345678901234567890123,"
                    + " \"precise\": 0.1000000000000000055511151231257827 }"));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"amount\":10.50,\"big\":12345678901234567890123,"
                + "\"precise\":0.1000000000000000055511151231257827}");
    assertThat(encoder.schema()).isEmpty();
  }
}
