package io.pipeline.orchestrator.integrations.aws;

import static io.pipeline.orchestrator.integrations.aws.CsvItemsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An ItemReader's ReaderConfig: Step Functions' defaults, and what it refuses. */
class ReaderConfigTest {

  @Test
  void shouldDefaultToFirstRowHeadersCommasAndNoLimitWhenOnlyTheInputTypeIsSet() {
    // when
    ReaderConfig config = ReaderConfig.of(json("{\"InputType\": \"CSV\"}"), false);

    // then
    assertThat(config.inputType()).hasValue(ReaderConfig.InputType.CSV);
    assertThat(config.headerLocation()).isEqualTo(ReaderConfig.HeaderLocation.FIRST_ROW);
    assertThat(config.delimiter()).isEqualTo(ReaderConfig.Delimiter.COMMA);
    assertThat(config.maxItems()).isEqualTo(Long.MAX_VALUE);
    assertThat(config.loadAndFlatten()).isFalse();
  }

  @Test
  void shouldReadAnS3InventoryManifestTypeAsTheManifestInputType() {
    // when
    ReaderConfig config =
        ReaderConfig.of(json("{\"ManifestType\": \"S3_INVENTORY\", \"MaxItems\": 7}"), false);

    // then
    assertThat(config.inputType()).hasValue(ReaderConfig.InputType.MANIFEST);
    assertThat(config.maxItems()).isEqualTo(7);
  }

  @Test
  void shouldGiveAListingNoInputTypeUnlessItLoadsAndFlattens() {
    // when
    ReaderConfig metadata = ReaderConfig.of(json("{}"), true);
    ReaderConfig flattened =
        ReaderConfig.of(
            json("{\"InputType\": \"JSONL\", \"Transformation\": \"LOAD_AND_FLATTEN\"}"), true);

    // then
    assertThat(metadata.inputType()).isEmpty();
    assertThat(flattened.inputType()).hasValue(ReaderConfig.InputType.JSONL);
    assertThat(flattened.loadAndFlatten()).isTrue();
  }

  @Test
  void shouldKeepTheGivenHeadersInOrder() {
    // when
    ReaderConfig config =
        ReaderConfig.of(
            json(
                "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\","
                    + " \"CSVHeaders\": [\"b\", \"a\"], \"CSVDelimiter\": \"TAB\"}"),
            false);

    // then
    assertThat(config.headers()).isEqualTo(List.of("b", "a"));
    assertThat(config.delimiter().character).isEqualTo('\t');
    assertThat(config.itemsPointer()).isEqualTo(Optional.empty());
  }

  @Test
  void shouldRefuseWhatStepFunctionsDoesNotDefineOrThisReaderCannotDo() {
    String[][] refused = {
      {"{}", "s3:getObject needs ReaderConfig.InputType"},
      {"{\"InputType\": \"XML\"}", "ReaderConfig.InputType must be one of"},
      {"{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\"}", "needs CSVHeaders"},
      {"{\"InputType\": \"CSV\", \"CSVHeaders\": [\"a\"]}", "CSVHeaders go with"},
      {"{\"InputType\": \"CSV\", \"CSVDelimiter\": \",\"}", "ReaderConfig.CSVDelimiter must be"},
      {"{\"InputType\": \"CSV\", \"MaxItems\": -1}", "MaxItems must be an integer from 0"},
      {"{\"InputType\": \"CSV\", \"MaxItems\": \"{% 3 %}\"}", "MaxItems must be an integer"},
      {"{\"InputType\": \"CSV\", \"MaxItemsPath\": \"$.n\"}", "MaxItemsPath is not evaluated"},
      {"{\"InputType\": \"PARQUET\"}", "PARQUET is not read"},
      {"{\"ManifestType\": \"ATHENA_DATA\"}", "ATHENA_DATA is not read"},
      {"{\"InputType\": \"CSV\", \"ItemsPointer\": \"/a\"}", "ItemsPointer goes with"},
      {"{\"InputType\": \"JSON\", \"ItemsPointer\": \"a\"}", "must be a JSON Pointer"},
      {"{\"InputType\": \"CSV\", \"Header\": 1}", "does not define: Header"},
      {"{\"InputType\": \"CSV\", \"Transformation\": \"LOAD_AND_FLATTEN\"}", "goes with"},
    };
    for (String[] config : refused) {
      // when
      TaskFailure failure =
          catchThrowableOfType(TaskFailure.class, () -> ReaderConfig.of(json(config[0]), false));

      // then
      assertThat(failure).as(config[0]).isNotNull();
      assertThat(failure.error()).isEqualTo("States.ItemReaderFailed");
      assertThat(failure.cause()).as(config[0]).contains(config[1]);
    }
  }

  @Test
  void shouldRefuseAnInputTypeOnAListingThatDoesNotLoadAndFlatten() {
    // when
    TaskFailure failure =
        catchThrowableOfType(
            TaskFailure.class, () -> ReaderConfig.of(json("{\"InputType\": \"CSV\"}"), true));

    // then
    assertThat(failure.cause()).contains("LOAD_AND_FLATTEN");
  }
}
