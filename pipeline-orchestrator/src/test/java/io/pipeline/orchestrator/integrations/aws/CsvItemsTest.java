package io.pipeline.orchestrator.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV items as Step Functions' ItemReader gives them: rows as objects of strings by column. */
class CsvItemsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WHERE = "s3://data/rows.csv";

  @Test
  void shouldKeyEachRowByTheFirstRowWhenHeaderLocationIsFirstRow() throws Exception {
    // when
    JsonNode items = read("id,name\n1,Ann\n2,Bob\n", "{\"InputType\": \"CSV\"}");

    // then
    assertThat(items)
        .isEqualTo(
            json("[{\"id\": \"1\", \"name\": \"Ann\"}, {\"id\": \"2\", \"name\": \"Bob\"}]"));
  }

  @Test
  void shouldKeyEachRowByTheGivenHeadersWhenHeaderLocationIsGiven() throws Exception {
    // when
    JsonNode items =
        read(
            "1,307,3.5\n1,481,4\n",
            """
            {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
             "CSVHeaders": ["userId", "movieId", "rating"]}
            """);

    // then
    assertThat(items)
        .isEqualTo(
            json(
                "[{\"userId\": \"1\", \"movieId\": \"307\", \"rating\": \"3.5\"},"
                    + " {\"userId\": \"1\", \"movieId\": \"481\", \"rating\": \"4\"}]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {"COMMA#,", "PIPE#|", "SEMICOLON#;", "SPACE#' '", "TAB#'\t'"})
  void shouldSplitFieldsOnTheConfiguredDelimiter(String name, String delimiter) throws Exception {
    // given
    String text = "a" + delimiter + "b\nx,1" + delimiter + "y;2\n";

    // when
    JsonNode items = read(text, "{\"InputType\": \"CSV\", \"CSVDelimiter\": \"" + name + "\"}");

    // then
    assertThat(items.get(0).get("a").asText()).isEqualTo(name.equals("COMMA") ? "x" : "x,1");
    assertThat(items).hasSize(1);
  }

  @Test
  void shouldKeepDelimitersNewlinesAndDoubledQuotesOfAQuotedField() throws Exception {
    // given: Step Functions' own example, whose unquoted fourth field doubles its quotes too
    String text =
        "abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline"
            + " (\n)\",{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"\n";

    // when
    JsonNode item =
        read(
                text,
                """
                {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                 "CSVHeaders": ["MyLetters", "MyNumbers", "MyString", "MyObject", "MyArray"]}
                """)
            .get(0);

    // then
    assertThat(item.get("MyString").asText())
        .isEqualTo(
            "This string contains commas, a double quotation marks (\"), and a newline (\n)");
    assertThat(json(item.get("MyObject").asText())).isEqualTo(json("{\"MyKey\": \"MyValue\"}"));
    assertThat(item.get("MyArray").asText()).isEqualTo("[1,2,3]");
    assertThat(item.get("MyNumbers").asText()).isEqualTo("123");
  }

  @Test
  void shouldUnescapeBackslashedBackslashesQuotesAndDelimitersAndDropOtherBackslashes()
      throws Exception {
    // when
    JsonNode item =
        read(
                "path|note\nC:\\\\Program Files\\\\a.exe|say \\\"hi\\\" \\| \\bye\n",
                "{\"InputType\": \"CSV\", \"CSVDelimiter\": \"PIPE\"}")
            .get(0);

    // then
    assertThat(item.get("path").asText()).isEqualTo("C:\\Program Files\\a.exe");
    assertThat(item.get("note").asText()).isEqualTo("say \"hi\" | bye");
  }

  @Test
  void shouldGiveEmptyStringsForMissingFieldsAndSkipExtraOnes() throws Exception {
    // when
    JsonNode items = read("a,b,c\n1\n1,2,3,4\n\"\",,\n", "{\"InputType\": \"CSV\"}");

    // then
    assertThat(items)
        .isEqualTo(
            json(
                "[{\"a\": \"1\", \"b\": \"\", \"c\": \"\"}, {\"a\": \"1\", \"b\": \"2\", \"c\":"
                    + " \"3\"}, {\"a\": \"\", \"b\": \"\", \"c\": \"\"}]"));
  }

  @Test
  void shouldReadCrLfAndLoneCrAsNewlinesAndSkipBlankLinesAndAByteOrderMark() throws Exception {
    // when
    JsonNode items = read("\uFEFFid,v\r\n1,a\r\n\r\n\n2,b\r3,c", "{\"InputType\": \"CSV\"}");

    // then
    assertThat(items)
        .isEqualTo(
            json(
                "[{\"id\": \"1\", \"v\": \"a\"}, {\"id\": \"2\", \"v\": \"b\"},"
                    + " {\"id\": \"3\", \"v\": \"c\"}]"));
  }

  @Test
  void shouldNameTheLineOfARecordWhoseQuoteIsNeverClosed() {
    // given: the record on line 4 (after a quoted field spanning lines 2 and 3) opens a quote
    String text = "id,note\n1,\"two\nlines\"\n2,\"open\n3,fine\n";

    // when
    TaskFailure failure =
        catchThrowableOfType(TaskFailure.class, () -> read(text, "{\"InputType\": \"CSV\"}"));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .isEqualTo(
            "The CSV record on line 4 of s3://data/rows.csv opens a quoted field that is never"
                + " closed");
  }

  @Test
  void shouldNameTheLineOfARecordLongerThanTheLimit() {
    // given
    String text = "id,note\n1,short\n2," + "x".repeat(300) + "\n";

    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () ->
                new ObjectItems(200)
                    .read(
                        stream(text),
                        ReaderConfig.InputType.CSV,
                        ReaderConfig.of(json("{\"InputType\": \"CSV\"}"), false),
                        WHERE,
                        new ItemCollector(Long.MAX_VALUE, 10_000, 1_000_000)));

    // then
    assertThat(failure.cause()).contains("line 3 of s3://data/rows.csv is longer than 200");
  }

  @Test
  void shouldStopReadingAtMaxItemsLeavingTheRestUnread() throws Exception {
    // given: what follows the second row would fail the read
    String text = "id\n1\n2\n3,\"never closed\n";

    // when
    JsonNode items = read(text, "{\"InputType\": \"CSV\", \"MaxItems\": 2}");

    // then
    assertThat(items).isEqualTo(json("[{\"id\": \"1\"}, {\"id\": \"2\"}]"));
  }

  @Test
  void shouldFailSayingTheLimitWhenTheItemsPassIt() {
    // given: each item is {"id":"n"}, 10 or 11 bytes
    StringBuilder text = new StringBuilder("id\n");
    for (int i = 0; i < 100; i++) {
      text.append(i).append('\n');
    }

    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () ->
                new ObjectItems(1000)
                    .read(
                        stream(text.toString()),
                        ReaderConfig.InputType.CSV,
                        ReaderConfig.of(json("{\"InputType\": \"CSV\"}"), false),
                        WHERE,
                        new ItemCollector(Long.MAX_VALUE, 10_000, 500)));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .startsWith("The items read pass 500 bytes of JSON at item 43")
        .contains("the CSV record on line 44 of s3://data/rows.csv")
        .contains("MaxItems");
  }

  @Test
  void shouldFailSayingTheLimitWhenThereAreMoreItemsThanItAcceptsUnlessMaxItemsStopsFirst()
      throws Exception {
    // given
    String text = "id\n1\n2\n3\n4\n";
    ReaderConfig all = ReaderConfig.of(json("{\"InputType\": \"CSV\"}"), false);
    ReaderConfig three = ReaderConfig.of(json("{\"InputType\": \"CSV\", \"MaxItems\": 3}"), false);
    ItemCollector limited = new ItemCollector(three.maxItems(), 3, 1_000_000);

    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () ->
                new ObjectItems(1000)
                    .read(
                        stream(text),
                        ReaderConfig.InputType.CSV,
                        all,
                        WHERE,
                        new ItemCollector(all.maxItems(), 3, 1_000_000)));
    new ObjectItems(1000).read(stream(text), ReaderConfig.InputType.CSV, three, WHERE, limited);

    // then
    assertThat(failure.cause())
        .startsWith(
            "There are more than 3 items (item 4 is the CSV record on line 5 of"
                + " s3://data/rows.csv)");
    assertThat(limited.items()).hasSize(3);
  }

  @Test
  void shouldRefuseAHeaderRowLongerThanStepFunctionsLimit() {
    // given
    String text = "a".repeat(6000) + "," + "b".repeat(6000) + "\n1,2\n";

    // when
    TaskFailure failure =
        catchThrowableOfType(TaskFailure.class, () -> read(text, "{\"InputType\": \"CSV\"}"));

    // then
    assertThat(failure.cause()).contains("header on line 1").contains("10 KiB");
  }

  private static JsonNode read(String text, String readerConfig) throws IOException {
    ItemCollector items =
        new ItemCollector(ReaderConfig.of(json(readerConfig), false).maxItems(), 10_000, 1_000_000);
    new ObjectItems(100_000)
        .read(
            stream(text),
            ReaderConfig.InputType.CSV,
            ReaderConfig.of(json(readerConfig), false),
            WHERE,
            items);
    return items.items();
  }

  static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
