package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlConfigTest {

  private static final String SCHEMA = EtlTestData.ORDERS_SCHEMA.toString();

  @Test
  void shouldUseDefaultsWhenOnlyTheSchemaIsSet() {
    EtlConfig config = EtlConfig.from(settings(Map.of()));

    assertThat(config.schema().getFullName()).isEqualTo("io.pipeline.examples.orders.Order");
    assertThat(config.rowsTopic()).isEqualTo("pipeline.etl.rows");
    assertThat(config.eventsTopic()).isEqualTo("pipeline.etl.loads");
    assertThat(config.maxObjectBytes()).isEqualTo(2L << 30);
    assertThat(config.maxRowBytes()).isEqualTo(1 << 20);
    assertThat(config.partBytes()).isEqualTo(8 << 20);
    assertThat(config.inputPrefix()).isEqualTo("incoming/");
    assertThat(config.outputBucket()).isEmpty();
    assertThat(config.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.replicationFactor()).isEmpty();
  }

  @Test
  void shouldReadSizesWithBinaryUnits() {
    EtlConfig config =
        EtlConfig.from(
            settings(
                Map.of(
                    "ETL_MAX_OBJECT_BYTES", "3 GiB",
                    "ETL_MAX_ROW_BYTES", "64kib",
                    "ETL_PART_BYTES", "5242880",
                    "ETL_OUTPUT_BUCKET", "lake")));

    assertThat(config.maxObjectBytes()).isEqualTo(3L << 30);
    assertThat(config.maxRowBytes()).isEqualTo(64 << 10);
    assertThat(config.partBytes()).isEqualTo(5 << 20);
    assertThat(config.outputBucket()).isEqualTo(Optional.of("lake"));
  }

  @Test
  void shouldFailNamingTheSettingWhenTheSchemaFileIsMissing() {
    assertThatThrownBy(() -> EtlConfig.from(Settings.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting ETL_SCHEMA_FILE is required");
    assertThatThrownBy(
            () -> EtlConfig.from(Settings.of(Map.of("ETL_SCHEMA_FILE", "/nowhere/x.avsc"))))
        .hasMessageStartingWith("Setting ETL_SCHEMA_FILE='/nowhere/x.avsc' cannot be read");
  }

  @Test
  void shouldFailNamingTheSettingWhenTheSchemaIsNotARecord(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("s.avsc"), "\"string\"");

    assertThatThrownBy(
            () -> EtlConfig.from(Settings.of(Map.of("ETL_SCHEMA_FILE", file.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("is invalid: rows need a record schema, not string");
  }

  @Test
  void shouldFailNamingTheSettingWhenAValueIsWrong() {
    assertThatThrownBy(() -> EtlConfig.from(settings(Map.of("ETL_MAX_OBJECT_BYTES", "2GB"))))
        .hasMessage(
            "Setting ETL_MAX_OBJECT_BYTES='2GB' is invalid: expected a size such as 1048576,"
                + " 64KiB, 8MiB or 2GiB");
    assertThatThrownBy(() -> EtlConfig.from(settings(Map.of("ETL_PART_BYTES", "1MiB"))))
        .hasMessage(
            "Setting ETL_PART_BYTES=1048576 is invalid: expected 5242880 to 536870912 bytes");
    assertThatThrownBy(() -> EtlConfig.from(settings(Map.of("ETL_INPUT_PREFIX", "incoming"))))
        .hasMessage("Setting ETL_INPUT_PREFIX='incoming' is invalid: it must end with '/'");
    assertThatThrownBy(() -> EtlConfig.from(settings(Map.of("ETL_ROWS_TOPIC", "rows topic"))))
        .hasMessageStartingWith("Setting ETL_ROWS_TOPIC='rows topic' is invalid");
  }

  private static Settings settings(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("ETL_SCHEMA_FILE", SCHEMA);
    return Settings.of(all);
  }
}
