package io.pipeline.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingMemoryTest {

  private final ListingMemory memory = new ListingMemory();

  @Test
  void shouldReportKeysItHasNotSeen() {
    memory.remember("a.csv", "e1");

    List<ListedObject> unreported =
        memory.unreported(List.of(object("a.csv", "e1"), object("b.csv", "e2")));

    assertThat(unreported).extracting(ListedObject::key).containsExactly("b.csv");
  }

  @Test
  void shouldReportOverwrittenObjectWhoseEtagChanged() {
    memory.remember("a.csv", "e1");

    assertThat(memory.unreported(List.of(object("a.csv", "e9"))))
        .extracting(ListedObject::etag)
        .containsExactly("e9");
  }

  @Test
  void shouldNameKeysMissingFromCompletePassWithinPrefix() {
    memory.remember("in/a.csv", "e1");
    memory.remember("in/b.csv", "e2");
    memory.remember("other/c.csv", "e3");
    memory.unreported(List.of(object("in/a.csv", "e1")));

    assertThat(memory.endPass("in/")).containsExactly("in/b.csv");
  }

  @Test
  void shouldStartEachPassAfresh() {
    memory.remember("a.csv", "e1");
    memory.unreported(List.of(object("a.csv", "e1")));
    memory.endPass("");

    assertThat(memory.endPass("")).containsExactly("a.csv");
  }

  @Test
  void shouldForgetWhatAnAbandonedPassSaw() {
    memory.remember("a.csv", "e1");
    memory.unreported(List.of(object("a.csv", "e1")));

    memory.abandonPass();

    assertThat(memory.endPass("")).containsExactly("a.csv");
  }

  @Test
  void shouldGiveSameEventIdToSameObjectVersionOnly() {
    ListedObject version = object("a.csv", "e1");

    assertThat(ListingEvents.eventId(version))
        .isEqualTo(ListingEvents.eventId(object("a.csv", "e1")));
    assertThat(ListingEvents.eventId(version))
        .isNotEqualTo(ListingEvents.eventId(object("a.csv", "e2")));
    assertThat(ListingEvents.created(object("big.bin", "abc-3"), Instant.EPOCH).getEventName())
        .isEqualTo("ObjectCreated:CompleteMultipartUpload");
    assertThat(ListingEvents.created(version, Instant.EPOCH).getEventName())
        .isEqualTo("ObjectCreated:Put");
  }

  @Test
  void shouldStripQuotesFromEtags() {
    assertThat(ListedObject.unquote("\"abc\"")).isEqualTo("abc");
    assertThat(ListedObject.unquote("abc")).isEqualTo("abc");
  }

  private static ListedObject object(String key, String etag) {
    return new ListedObject("raw", key, etag, 3, Instant.parse("2026-11-25T10:00:00Z"));
  }
}
