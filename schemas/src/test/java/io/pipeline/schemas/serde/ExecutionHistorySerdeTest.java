package io.pipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ExecutionHistorySerdeTest {

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:execution:m:e";
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  private final SchemaCatalog catalog = SchemaCatalog.builtIn();
  private final ExecutionHistorySerde serde = new ExecutionHistorySerde(catalog);

  @Test
  void shouldReadABatchBackWhenItWroteIt() {
    ExecutionHistoryBatch batch =
        new ExecutionHistoryBatch(
            ARN,
            List.of(
                new ExecutionHistoryEvent(1L, 0L, "ExecutionStarted", T0, "{\"input\":\"{}\"}"),
                new ExecutionHistoryEvent(2L, 1L, "PassStateEntered", T0, "{\"name\":\"P\"}")));

    assertThat(serde.decode("history", serde.encode("history", batch))).isEqualTo(batch);
  }

  @Test
  void shouldReadABatchOfOneWhenAnEarlierReleaseWroteAnEventAlone() {
    Schema released =
        SchemaCatalog.releasedVersions(ExecutionHistoryEvent.getClassSchema().getFullName()).get(0);
    GenericRecord alone = new GenericData.Record(released);
    alone.put("executionArn", ARN);
    alone.put("id", 7L);
    alone.put("previousEventId", 6L);
    alone.put("type", "TaskStateEntered");
    alone.put("timestamp", T0.toEpochMilli());
    alone.put("details", "{\"name\":\"T\"}");
    byte[] written = AvroSerde.<GenericRecord>generic(released, catalog).encode("history", alone);

    PipelineTopics topics = new PipelineTopics(catalog);
    assertThat(topics.executionHistory().valueSerde().deserializer().deserialize("h", written))
        .as("the history topic's and store's serde")
        .isEqualTo(
            new ExecutionHistoryBatch(
                ARN,
                List.of(
                    new ExecutionHistoryEvent(
                        7L, 6L, "TaskStateEntered", T0, "{\"name\":\"T\"}"))));
  }

  @Test
  void shouldRefuseTheBytesWhenTheyAreNeitherABatchNorAnEvent() {
    byte[] text = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.decode("history", text))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("history");
  }
}
