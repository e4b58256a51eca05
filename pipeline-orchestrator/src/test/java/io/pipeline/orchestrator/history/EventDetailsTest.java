package io.pipeline.orchestrator.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** An event's details as GetExecutionHistory and execution logs show them. */
class EventDetailsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DETAILS =
      """
      {"name": "Charge", "input": {"amount": 3}, "output": "already text",
       "timeoutInSeconds": 30, "heartbeat": true, "resource": null,
       "parameters": [1, 2], "retrier": {"attempt": 2}}
      """;

  @Test
  void shouldGiveInputsAndOutputsAsTextWithTheirDetailsAndNestedValuesAsText() throws Exception {
    // when
    JsonNode shaped = EventDetails.shape(JSON.readTree(DETAILS), true);

    // then
    assertThat(shaped)
        .isEqualTo(
            JSON.readTree(
                """
                {"name": "Charge",
                 "input": "{\\"amount\\":3}", "inputDetails": {"truncated": false},
                 "output": "already text", "outputDetails": {"truncated": false},
                 "timeoutInSeconds": 30, "heartbeat": true, "resource": null,
                 "parameters": "[1,2]", "parametersDetails": {"truncated": false},
                 "retrier": "{\\"attempt\\":2}"}
                """));
  }

  @Test
  void shouldLeaveExecutionDataOutUnlessIncluded() throws Exception {
    JsonNode shaped = EventDetails.shape(JSON.readTree(DETAILS), false);

    assertThat(shaped.fieldNames())
        .toIterable()
        .containsExactly("name", "timeoutInSeconds", "heartbeat", "resource", "retrier");
  }

  @Test
  void shouldWriteToAGeneratorWhatItShapes() throws Exception {
    StringWriter text = new StringWriter();
    try (var json = JSON.createGenerator(text)) {
      EventDetails.write(JSON.readTree(DETAILS), true, json);
    }

    assertThat(JSON.readTree(text.toString()))
        .isEqualTo(EventDetails.shape(JSON.readTree(DETAILS), true));
  }
}
