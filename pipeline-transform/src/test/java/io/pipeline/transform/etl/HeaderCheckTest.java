package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {

  @Test
  void shouldFindNoProblemWhenExamplesStartAsTheirFormatsWant() {
    assertThat(check(DataFormat.CSV, EtlTestData.example("orders.csv"), true)).isEmpty();
    assertThat(check(DataFormat.JSONL, EtlTestData.example("orders.jsonl"), true)).isEmpty();
  }

  @Test
  void shouldCheckOnlyTheHeaderRowWhenTheWindowCutsARow() {
    byte[] head = bytes("order_id,customer,amount,currency,ordered_at\no-1,al");

    assertThat(check(DataFormat.CSV, head, false)).isEmpty();
  }

  @Test
  void shouldNameTheMismatchWhenCsvHeaderDoesNotFitTheSchema() {
    assertThat(check(DataFormat.CSV, bytes("id,customer,amount,currency,ordered_at\n"), true))
        .containsExactly("column 'id' is not a field of Order", "column 'order_id' is missing");
  }

  @Test
  void shouldRefuseCsvWhenHeaderDoesNotEndWithinTheWindow() {
    assertThat(check(DataFormat.CSV, bytes("order_id,customer"), false))
        .containsExactly("its header row is longer than 65536 bytes");
  }

  @Test
  void shouldRefuseJsonLinesWhenFirstLineIsNotAnObject() {
    assertThat(check(DataFormat.JSONL, bytes("\n[1, 2]\n"), true))
        .containsExactly("its first line does not start a JSON object");
    assertThat(check(DataFormat.JSONL, bytes("{\"a\": \n"), true))
        .singleElement()
        .asString()
        .startsWith("its first line is not JSON: ");
    assertThat(check(DataFormat.JSONL, bytes("  \n \n"), true))
        .containsExactly("it has no JSON line");
  }

  @Test
  void shouldAcceptJsonLineThatTheWindowCutsWhenItStartsAnObject() {
    assertThat(check(DataFormat.JSONL, bytes("{\"order_id\": \"o-1\", \"cust"), false)).isEmpty();
  }

  private static java.util.List<String> check(DataFormat format, byte[] head, boolean whole) {
    return HeaderCheck.problems(format, head, whole, EtlTestData.orders());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
