package io.pipeline.transform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Telemetry payloads: read token by token when plain, through the tree when not; the same. */
class TelemetryPayloadsTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void shouldReadAPlainPayloadWithEveryField() {
    // when
    TelemetryPayloads.Parsed parsed =
        parse(
            "{\"id\": 42, \"metric\": \"temperature\", \"value\": 21.5, \"unit\": \"C\","
                + " \"time\": \"2026-11-26T08:59:58.250Z\", \"extra\": {\"a\": [1, 2]},"
                + " \"attributes\": {\"firmware\": \"1.2\"}}");

    // then
    assertThat(parsed)
        .isEqualTo(
            new TelemetryPayloads.Valid(
                new TelemetryReading(
                    "pump-7/42",
                    "pump-7",
                    "temperature",
                    21.5,
                    "C",
                    Instant.parse("2026-11-26T08:59:58.250Z"),
                    Map.of("firmware", "1.2"))));
  }

  @Test
  void shouldTakeTheReceivedTimeWhenThePayloadHasNone() {
    TelemetryPayloads.Parsed parsed =
        parse("{\"id\": \"a-1\", \"metric\": \"rpm\", \"value\": 900}");

    assertThat(((TelemetryPayloads.Valid) parsed).reading().getEventTime()).isEqualTo(RECEIVED);
    assertThat(((TelemetryPayloads.Valid) parsed).reading().getReadingId()).isEqualTo("pump-7/a-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1}",
        "{\"id\": -0, \"metric\": \"t\", \"value\": 1e3, \"time\": 1764147600000}",
        "{\"id\": 123456789012345678901234567890, \"metric\": \"t\", \"value\": 2}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"unit\": null, \"time\": null}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"attributes\": null}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"id\": 2}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"attributes\": {\"a\": \"x\", \"a\": \"y\"}}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1} trailing",
        "{\"id\": \" \", \"metric\": \"t\", \"value\": 1}",
        "{\"id\": 1.5, \"metric\": \"t\", \"value\": 1}",
        "{\"id\": 1, \"metric\": \"\", \"value\": 1}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": \"1\"}",
        "{\"id\": 1, \"metric\": \"t\"}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"unit\": 3}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"time\": \"yesterday\"}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"time\": -5}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"attributes\": {\"a\": 1}}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"attributes\": [\"a\"]}",
        "{\"id\": 1, \"metric\": \"t\", \"value\": 1",
        "[1, 2]",
        "42",
        "",
        "not json",
      })
  void shouldGiveWhatTheTreeGivesForAnyPayload(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);

    assertThat(parse(payload)).isEqualTo(TelemetryPayloads.parseTree("pump-7", bytes, RECEIVED));
  }

  @Test
  void shouldSayWhatIsWrongWhenTheStreamedReadGivesUp() {
    assertThat(parse("{\"id\": 1, \"metric\": \"t\", \"value\": 1, \"time\": \"yesterday\"}"))
        .isEqualTo(
            new TelemetryPayloads.Invalid(
                "'time' must be an ISO-8601 instant or epoch milliseconds, but is:"
                    + " \"yesterday\""));
    assertThat(parse("{\"id\": 1, \"metric\": \"t\"}"))
        .isEqualTo(
            new TelemetryPayloads.Invalid("'value' must be a finite number, but is: missing"));
  }

  private static TelemetryPayloads.Parsed parse(String payload) {
    return TelemetryPayloads.parse(
        "pump-7",
        MqttMessage.newBuilder()
            .setTopic("devices/pump-7/telemetry")
            .setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
            .setQos(1)
            .setReceivedAt(RECEIVED)
            .setBridgeId("bridge-1")
            .build());
  }
}
