package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowIdsTest {

  private static final byte[] ROW = "o-1,alice,42.5".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldGiveTheSameIdWhenTheSameRowOfTheSameObjectIsReadAgain() {
    assertThat(new RowIds("landing", "incoming/a.csv").id(7, ROW))
        .isEqualTo(new RowIds("landing", "incoming/a.csv").id(7, ROW))
        .matches("[0-9a-f]{32}");
  }

  @Test
  void shouldGiveDifferentIdsWhenBucketKeyNumberOrContentDiffer() {
    RowIds ids = new RowIds("landing", "incoming/a.csv");
    String id = ids.id(7, ROW);

    assertThat(new RowIds("other", "incoming/a.csv").id(7, ROW)).isNotEqualTo(id);
    assertThat(new RowIds("landing", "incoming/b.csv").id(7, ROW)).isNotEqualTo(id);
    assertThat(ids.id(8, ROW)).isNotEqualTo(id);
    assertThat(ids.id(7, "o-1,alice,42.6".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(id);
  }

  @Test
  void shouldNotRunBucketAndKeyTogetherWhenTheirConcatenationIsEqual() {
    assertThat(new RowIds("ab", "c").id(1, ROW)).isNotEqualTo(new RowIds("a", "bc").id(1, ROW));
  }
}
