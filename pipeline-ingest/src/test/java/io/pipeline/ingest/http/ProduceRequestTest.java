package io.pipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.ingest.http.ProduceRequest.RecordError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProduceRequestTest {

  @Test
  void shouldReadKeysValuesAndIdempotencyKeysInOrder() throws Exception {
    ProduceRequest request =
        parse(
            "{\"records\": [{\"key\": \"k1\", \"value\": {\"a\": 1.50}, \"idempotencyKey\":"
                + " \"i1\"}, {\"value\": \"text\"}, {\"key\": null, \"value\": null}]}");

    assertThat(request.errors()).isEmpty();
    assertThat(request.records()).hasSize(3);
    assertThat(request.records().get(0).key()).hasValue("k1");
    assertThat(request.records().get(0).idempotencyKey()).hasValue("i1");
    assertThat(request.records().get(0).value().toString()).isEqualTo("{\"a\":1.50}");
    assertThat(request.records().get(1).key()).isEmpty();
    assertThat(request.records().get(2).index()).isEqualTo(2);
    assertThat(request.records().get(2).value().isNull()).isTrue();
  }

  @Test
  void shouldNameEachBadRecordWithItsIndexAndPath() throws Exception {
    ProduceRequest request =
        parse(
            "{\"records\": [{\"value\": 1}, {\"key\": 7, \"value\": 1}, 3, {\"key\": \"k\"},"
                + " {\"value\": 1, \"partition\": 0}, {\"value\": 1, \"idempotencyKey\": \"\"}]}");

    assertThat(request.records()).extracting(ProduceRequest.Record::index).containsExactly(0);
    assertThat(request.errors())
        .containsExactly(
            new RecordError(1, "$.records[1].key", "expected a string, got a number"),
            new RecordError(2, "$.records[2]", "expected an object, got a number"),
            new RecordError(3, "$.records[3].value", "missing required field 'value'"),
            new RecordError(
                4,
                "$.records[4].partition",
                "unknown field; a record has key, value, idempotencyKey"),
            new RecordError(5, "$.records[5].idempotencyKey", "expected 1 to 256 characters"));
  }

  @Test
  void shouldGiveLineAndColumnWhenBodyIsNotJson() {
    assertThatThrownBy(() -> parse("{\"records\": [\n{\"value\": tru}]}"))
        .isInstanceOf(ProduceRequest.MalformedException.class)
        .hasMessageStartingWith("malformed JSON at line 2, column ");
  }

  @Test
  void shouldRefuseTextAfterTheDocument() {
    assertThatThrownBy(() -> parse("{\"records\": [{\"value\": 1}]} {}"))
        .isInstanceOf(ProduceRequest.MalformedException.class)
        .hasMessageContaining("malformed JSON at line 1");
  }

  @Test
  void shouldRefuseBodiesWithoutRecords() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(ProduceRequest.MalformedException.class)
        .hasMessage("empty body: expected {\"records\": [...]}");
    assertThatThrownBy(() -> parse("[]"))
        .hasMessage("expected an object {\"records\": [...]}, got an array");
    assertThatThrownBy(() -> parse("{\"records\": []}"))
        .hasMessage("$.records must be a non-empty array of records");
    assertThatThrownBy(() -> parse("{\"records\": [{\"value\": 1}], \"value_schema\": \"x\"}"))
        .hasMessage("unknown field 'value_schema' at $; expected only records");
  }

  @Test
  void shouldTreatNullKeyAsNoKey() throws Exception {
    assertThat(parse("{\"records\": [{\"key\": null, \"value\": 1}]}").records().get(0).key())
        .isEqualTo(Optional.empty());
  }

  private static ProduceRequest parse(String body) throws ProduceRequest.MalformedException {
    return ProduceRequest.parse(body.getBytes(StandardCharsets.UTF_8));
  }
}
