package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectPathsTest {

  @Test
  void shouldWriteUnderTheSamePathWithoutTheInputPrefix() {
    ObjectPaths paths =
        ObjectPaths.of("landing", "incoming/2026/orders.csv", "incoming/", Optional.empty());

    assertThat(paths)
        .isEqualTo(
            new ObjectPaths(
                "landing",
                "curated/2026/orders.csv.avro",
                "quarantine/2026/orders.csv.errors.jsonl",
                "catalog/2026/orders.csv.manifest.json"));
  }

  @Test
  void shouldKeepTheWholeKeyWhenOutsideTheInputPrefixAndWriteToTheOutputBucket() {
    ObjectPaths paths =
        ObjectPaths.of("landing", "other/a.jsonl", "incoming/", Optional.of("lake"));

    assertThat(paths.bucket()).isEqualTo("lake");
    assertThat(paths.curatedKey()).isEqualTo("curated/other/a.jsonl.avro");
  }
}
