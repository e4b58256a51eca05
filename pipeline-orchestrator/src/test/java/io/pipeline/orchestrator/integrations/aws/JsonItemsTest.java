package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** JSON and JSON Lines items as Step Functions' ItemReader gives them. */
class JsonItemsTest {

  private static final String WHERE = "s3://data/items.json";

  @Test
  void shouldGiveTheElementsOfAJsonArray() throws Exception {
    // when
    JsonNode items = read("[{\"a\": 1}, 2, \"three\", null, [4]]", "{\"InputType\": \"JSON\"}");

    // then
    assertThat(items).isEqualTo(json("[{\"a\": 1}, 2, \"three\", null, [4]]"));
  }

  @Test
  void shouldGiveTheElementsOfTheArrayItemsPointerNames() throws Exception {
    // given
    String text =
        "{\"meta\": {\"skip\": [1, 2]}, \"inventory\": {\"products\": [{\"featured\": [\"x\"]},"
            + " {\"featured\": [\"a\", \"b\"]}]}}";

    // when
    JsonNode items =
        read(
            text,
            "{\"InputType\": \"JSON\", \"ItemsPointer\": \"/inventory/products/1/featured\"}");

    // then
    assertThat(items).isEqualTo(json("[\"a\", \"b\"]"));
  }

  @Test
  void shouldSayWhatIsWrongWhenTheJsonIsNoArray() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class, () -> read("{\"items\": []}", "{\"InputType\": \"JSON\"}"));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .isEqualTo(
            "The JSON of s3://data/items.json is not an array (name the array with"
                + " ReaderConfig.ItemsPointer)");
  }

  @Test
  void shouldSayWhenItemsPointerNamesNothing() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () ->
                read(
                    "{\"a\": {\"b\": []}}",
                    "{\"InputType\": \"JSON\", \"ItemsPointer\": \"/a/c\"}"));

    // then
    assertThat(failure.cause())
        .isEqualTo("The JSON of s3://data/items.json has nothing at ItemsPointer /a/c");
  }

  @Test
  void shouldNameTheLineAndColumnOfInvalidJson() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () -> read("[\n  {\"a\": 1},\n  {\"a\": oops}\n]", "{\"InputType\": \"JSON\"}"));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause())
        .startsWith("The JSON of s3://data/items.json is not valid at line 3, column");
  }

  @Test
  void shouldStopReadingAJsonArrayAtMaxItems() throws Exception {
    // given: what follows the second element is not JSON
    String text = "[1, 2, oops";

    // when
    JsonNode items = read(text, "{\"InputType\": \"JSON\", \"MaxItems\": 2}");

    // then
    assertThat(items).isEqualTo(json("[1, 2]"));
  }

  @Test
  void shouldGiveAValuePerLineAndSkipBlankLinesOfJsonLines() throws Exception {
    // when
    JsonNode items = read("{\"v\": 1}\r\n\n  [2]  \n\"three\"", "{\"InputType\": \"JSONL\"}");

    // then
    assertThat(items).isEqualTo(json("[{\"v\": 1}, [2], \"three\"]"));
  }

  @Test
  void shouldNameTheLineThatIsNotJsonInJsonLines() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class,
            () -> read("{\"v\": 1}\n{\"v\": 2} {\"v\": 3}\n", "{\"InputType\": \"JSONL\"}"));

    // then
    assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
    assertThat(failure.cause()).startsWith("Line 2 of s3://data/items.json is not JSON: ");
  }

  @Test
  void shouldStopReadingJsonLinesAtMaxItems() throws Exception {
    // when
    JsonNode items = read("1\n2\nnot json\n", "{\"InputType\": \"JSONL\", \"MaxItems\": 2}");

    // then
    assertThat(items).isEqualTo(json("[1, 2]"));
  }

  private static JsonNode read(String text, String readerConfig) throws IOException {
    ReaderConfig config = ReaderConfig.of(json(readerConfig), false);
    ItemCollector items = new ItemCollector(config.maxItems(), 10_000, 1_000_000);
    new ObjectItems(100_000)
        .read(stream(text), config.inputType().orElseThrow(), config, WHERE, items);
    return items.items();
  }
}
