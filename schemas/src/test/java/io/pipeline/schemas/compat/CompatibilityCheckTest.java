package io.pipeline.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckTest {

  private static final String V1 =
      """
      {"type": "record", "name": "Reading", "namespace": "test",
       "fields": [{"name": "device", "type": "string"}, {"name": "value", "type": "double"}]}
      """;

  @TempDir Path dir;

  @Test
  void shouldAcceptTheModulesOwnSchemas() {
    List<CompatibilityCheck.Problem> problems =
        CompatibilityCheck.check(
            Path.of("src/main/avro"), Path.of("src/main/resources/io/pipeline/schemas/released"));

    assertThat(problems).isEmpty();
  }

  @Test
  void shouldAcceptNewFieldWithDefault() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Reading", "namespace": "test",
         "fields": [{"name": "device", "type": "string"}, {"name": "value", "type": "double"},
                    {"name": "unit", "type": ["null", "string"], "default": null}]}
        """);

    assertThat(CompatibilityCheck.check(dir.resolve("current"), dir.resolve("released"))).isEmpty();
  }

  @Test
  void shouldReportNewFieldWithoutDefault() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Reading", "namespace": "test",
         "fields": [{"name": "device", "type": "string"}, {"name": "value", "type": "double"},
                    {"name": "unit", "type": "string"}]}
        """);

    List<CompatibilityCheck.Problem> problems =
        CompatibilityCheck.check(dir.resolve("current"), dir.resolve("released"));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString())
        .contains("test.Reading cannot read records written with")
        .contains("v1.avsc")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("unit");
  }

  @Test
  void shouldReportIncompatibleTypeChange() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Reading", "namespace": "test",
         "fields": [{"name": "device", "type": "string"}, {"name": "value", "type": "int"}]}
        """);

    assertThat(CompatibilityCheck.check(dir.resolve("current"), dir.resolve("released")))
        .singleElement()
        .extracting(CompatibilityCheck.Problem::detail)
        .asString()
        .contains("TYPE_MISMATCH")
        .contains("/fields/1/type");
  }

  @Test
  void shouldCheckAReleasedRecordThatNowLivesInsideAnother() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Readings", "namespace": "test",
         "fields": [{"name": "readings", "type": {"type": "array", "items":
           {"type": "record", "name": "Reading",
            "fields": [{"name": "value", "type": "double"}, {"name": "unit", "type": "string"}]}
         }}]}
        """);

    assertThat(CompatibilityCheck.check(dir.resolve("current"), dir.resolve("released")))
        .singleElement()
        .extracting(CompatibilityCheck.Problem::toString)
        .asString()
        .contains("test.Reading cannot read records written with")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void shouldReportReleasedTypeThatNoLongerExists() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Other", "namespace": "test", "fields": []}
        """);

    assertThat(CompatibilityCheck.check(dir.resolve("current"), dir.resolve("released")))
        .singleElement()
        .extracting(CompatibilityCheck.Problem::detail)
        .isEqualTo("no current schema has this name any more");
  }

  @Test
  void shouldFailTheBuildStepWithEveryProblemListed() throws IOException {
    release(V1);
    current(
        """
        {"type": "record", "name": "Reading", "namespace": "test",
         "fields": [{"name": "device", "type": "int"}, {"name": "value", "type": "int"}]}
        """);

    assertThatThrownBy(
            () ->
                CompatibilityCheck.main(
                    new String[] {
                      dir.resolve("current").toString(), dir.resolve("released").toString()
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not backward compatible")
        .hasMessageContaining("/fields/0/type")
        .hasMessageContaining("/fields/1/type");
  }

  private void release(String schema) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("released/test.Reading"));
    Files.writeString(folder.resolve("v1.avsc"), schema);
  }

  private void current(String schema) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("current/test"));
    Files.writeString(folder.resolve("Reading.avsc"), schema);
  }
}
