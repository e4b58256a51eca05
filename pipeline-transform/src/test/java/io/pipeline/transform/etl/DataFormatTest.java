package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataFormatTest {

  @Test
  void shouldDetectFormatByExtensionWhateverItsCase() {
    assertThat(DataFormat.detect("incoming/a.CSV", Optional.empty())).hasValue(DataFormat.CSV);
    assertThat(DataFormat.detect("incoming/a.jsonl", Optional.of("text/csv")))
        .hasValue(DataFormat.JSONL);
    assertThat(DataFormat.detect("incoming/a.ndjson", Optional.empty())).hasValue(DataFormat.JSONL);
  }

  @Test
  void shouldDetectFormatByContentTypeWhenKeyHasNoKnownExtension() {
    assertThat(DataFormat.detect("incoming/a", Optional.of("text/csv; charset=utf-8")))
        .hasValue(DataFormat.CSV);
    assertThat(DataFormat.detect("incoming/a.txt", Optional.of("application/x-ndjson")))
        .hasValue(DataFormat.JSONL);
  }

  @Test
  void shouldDetectNothingWhenNeitherExtensionNorContentTypeIsKnown() {
    assertThat(DataFormat.detect("incoming/a.parquet", Optional.of("application/octet-stream")))
        .isEmpty();
    assertThat(DataFormat.detect("incoming/a.json", Optional.empty())).isEmpty();
  }
}
