package io.pipeline.transform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

  private static final long WINDOW = Duration.ofMinutes(10).toMillis();
  private static final long T0 = 1_764_147_600_000L;

  private final RecentIds ids = new RecentIds(WINDOW);

  @Test
  void shouldNeverSayNoForAnIdAddedWithinTheWindow() {
    // given: more ids than one filter holds, so a bucket grows a second filter
    int count = RecentIds.IDS_PER_FILTER * 3 / 2;
    for (int i = 0; i < count; i++) {
      ids.add(RecentIds.key("pump-7/" + i), T0 + i);
    }

    // then
    for (int i = 0; i < count; i += 97) {
      assertThat(ids.mightContain(RecentIds.key("pump-7/" + i), T0 + i + WINDOW)).isTrue();
      assertThat(ids.mightContain(RecentIds.key("pump-7/" + i), T0 + i - WINDOW)).isTrue();
    }
  }

  @Test
  void shouldSayNoForNearlyEveryIdNeverAdded() {
    // given
    int count = RecentIds.IDS_PER_FILTER * 2;
    for (int i = 0; i < count; i++) {
      ids.add(RecentIds.key("pump-7/" + i), T0);
    }

    // when
    int maybes = 0;
    for (int i = 0; i < 10_000; i++) {
      maybes += ids.mightContain(RecentIds.key("pump-8/" + i), T0) ? 1 : 0;
    }

    // then: two full filters, each wrong for about 1%
    assertThat(maybes).isLessThan(400);
  }

  @Test
  void shouldSayNoForAnIdAddedFurtherAwayThanTheWindow() {
    ids.add(RecentIds.key("pump-7/1"), T0);

    assertThat(ids.mightContain(RecentIds.key("pump-7/1"), T0 + 3 * WINDOW)).isFalse();
    assertThat(ids.mightContain(RecentIds.key("pump-7/1"), T0 - 3 * WINDOW)).isFalse();
  }

  @Test
  void shouldForgetBucketsOnceStreamTimeIsPastEveryFetchThatCouldReachThem() {
    // given
    ids.add(RecentIds.key("pump-7/1"), T0);

    // when
    ids.add(RecentIds.key("pump-7/2"), T0 + 3 * WINDOW);
    int held = ids.buckets();
    ids.add(RecentIds.key("pump-7/3"), T0 + 6 * WINDOW);

    // then
    assertThat(held).isEqualTo(2);
    assertThat(ids.buckets()).isEqualTo(2);
    assertThat(ids.mightContain(RecentIds.key("pump-7/1"), T0)).isFalse();
    assertThat(ids.mightContain(RecentIds.key("pump-7/2"), T0 + 3 * WINDOW)).isTrue();
  }
}
