package io.pipeline.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.SampleRecords;
import io.pipeline.schemas.serde.SchemaCatalog;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Schema schema = S3ObjectEvent.getClassSchema();

  @Test
  void shouldWriteTheSameBytesAsTheGeneratedClass() throws Exception {
    S3ObjectEvent event = SampleRecords.objectEvent("in/a.csv");
    JsonNode json =
        JSON.readTree(
            """
            {"eventId": "raw/in/a.csv@abc123", "eventName": "ObjectCreated:Put",
             "source": "LISTING", "bucket": "raw", "key": "in/a.csv", "size": 42,
             "etag": "abc123", "eventTime": "2026-11-25T10:15:30Z",
             "observedAt": 1795601731000, "versionId": "v-7"}
            """);

    Object datum = AvroJson.fromJson(json, schema);
    byte[] fromJson = AvroSerde.generic(schema, SchemaCatalog.builtIn()).encode("t", datum);
    byte[] fromClass =
        AvroSerde.specific(S3ObjectEvent.class, SchemaCatalog.builtIn()).encode("t", event);

    assertThat(fromJson).isEqualTo(fromClass);
  }

  @Test
  void shouldRenderTimestampsAsIsoAndNullsAsNull() throws Exception {
    Object datum =
        AvroJson.fromJson(
            JSON.readTree(
                """
                {"eventId": "e", "eventName": "ObjectCreated:Put", "bucket": "raw", "key": "k",
                 "size": 1, "eventTime": "2026-11-25T10:15:30Z", "observedAt": 0}
                """),
            schema);

    JsonNode json = AvroJson.toJson(datum, schema);

    assertThat(json.get("eventTime").textValue()).isEqualTo("2026-11-25T10:15:30Z");
    assertThat(json.get("observedAt").textValue()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(json.get("etag").isNull()).isTrue();
    assertThat(json.get("source").textValue()).isEqualTo("UNKNOWN");
  }

  @Test
  void shouldRoundTripBytesAsBase64() throws Exception {
    Schema mqtt = MqttMessage.getClassSchema();
    JsonNode input =
        JSON.readTree(
            """
            {"topic": "devices/d1", "payload": "aGVsbG8=", "qos": 1,
             "userProperties": [{"name": "a", "value": "b"}],
             "receivedAt": "2026-11-25T10:15:30.123Z", "bridgeId": "bridge-1"}
            """);

    JsonNode output = AvroJson.toJson(AvroJson.fromJson(input, mqtt), mqtt);

    assertThat(output.get("payload").textValue()).isEqualTo("aGVsbG8=");
    assertThat(output.get("receivedAt").textValue()).isEqualTo("2026-11-25T10:15:30.123Z");
    assertThat(output.get("userProperties").get(0).get("value").textValue()).isEqualTo("b");
  }

  @Test
  void shouldNameMissingField() throws Exception {
    assertThatThrownBy(() -> AvroJson.fromJson(JSON.readTree("{\"eventId\": \"e\"}"), schema))
        .isInstanceOf(JsonRecordException.class)
        .hasMessage("at $.eventName: missing required field 'eventName'");
  }

  @Test
  void shouldNameUnknownFieldAndListTheKnownOnes() throws Exception {
    JsonNode json =
        JSON.readTree(
            """
            {"eventId": "e", "eventName": "n", "bucket": "b", "key": "k", "size": 1,
             "eventTime": 0, "observedAt": 0, "colour": "red"}
            """);

    assertThatThrownBy(() -> AvroJson.fromJson(json, schema))
        .isInstanceOf(JsonRecordException.class)
        .hasMessageStartingWith("at $.colour: unknown field 'colour'")
        .hasMessageContaining("eventId");
  }

  @Test
  void shouldNameWrongTypeWithItsPath() throws Exception {
    Schema mqtt = MqttMessage.getClassSchema();
    JsonNode json =
        JSON.readTree(
            """
            {"topic": "t", "payload": "", "qos": "one", "receivedAt": 0, "bridgeId": "b"}
            """);

    assertThatThrownBy(() -> AvroJson.fromJson(json, mqtt))
        .isInstanceOf(JsonRecordException.class)
        .hasMessage("at $.qos: expected a 32-bit integer, got \"one\"");
  }

  @Test
  void shouldExplainBadTimestampInNullableUnion() throws Exception {
    JsonNode json =
        JSON.readTree(
            """
            {"eventId": "e", "eventName": "n", "bucket": "b", "key": "k", "size": 1,
             "eventTime": "yesterday", "observedAt": 0}
            """);

    assertThatThrownBy(() -> AvroJson.fromJson(json, schema))
        .isInstanceOf(JsonRecordException.class)
        .hasMessageStartingWith("at $.eventTime: expected an ISO-8601 timestamp");
  }
}
