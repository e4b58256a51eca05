package io.pipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.ingest.http.IdempotencyStore.Claim;
import io.pipeline.ingest.http.IdempotencyStore.Position;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

  private final MutableClock clock = new MutableClock();
  private final IdempotencyStore store = new IdempotencyStore(Duration.ofMinutes(10), 3, clock);

  @Test
  void shouldAnswerALaterClaimWithTheFirstWritesPosition() {
    Claim first = store.claim("t", "k");
    Claim second = store.claim("t", "k");

    assertThat(first).isInstanceOf(Claim.Fresh.class);
    assertThat(second).isInstanceOf(Claim.Known.class);
    CompletableFuture<Position> pending = ((Claim.Known) second).position();
    assertThat(pending).isNotDone();
    ((Claim.Fresh) first).promise().complete(new Position(2, 41));
    assertThat(pending).isCompletedWithValue(new Position(2, 41));
  }

  @Test
  void shouldKeepKeysOfDifferentTopicsApart() {
    store.claim("t1", "k");

    assertThat(store.claim("t2", "k")).isInstanceOf(Claim.Fresh.class);
  }

  @Test
  void shouldForgetAKeyWhoseWriteFailedSoThatARetryWrites() {
    Claim.Fresh first = (Claim.Fresh) store.claim("t", "k");
    first.promise().completeExceptionally(new IllegalStateException("broker gone"));

    assertThat(store.claim("t", "k")).isInstanceOf(Claim.Fresh.class);
  }

  @Test
  void shouldForgetKeysOlderThanTheWindow() {
    ((Claim.Fresh) store.claim("t", "k")).promise().complete(new Position(0, 1));
    clock.advance(Duration.ofMinutes(10));

    assertThat(store.claim("t", "k")).isInstanceOf(Claim.Fresh.class);
  }

  @Test
  void shouldForgetTheOldestKeysBeyondTheMaximum() {
    for (String key : new String[] {"a", "b", "c", "d"}) {
      store.claim("t", key);
    }

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.claim("t", "d")).isInstanceOf(Claim.Known.class);
    assertThat(store.claim("t", "a")).isInstanceOf(Claim.Fresh.class);
  }

  @Test
  void shouldRestoreOnlyWritesWithinTheWindowAndApplyTombstones() {
    long now = clock.millis();
    store.restore(IdempotencyStore.id("t", "recent"), new Position(1, 5), now - 1_000);
    store.restore(IdempotencyStore.id("t", "old"), new Position(1, 6), now - 600_000);
    store.restore(IdempotencyStore.id("t", "gone"), new Position(1, 7), now);
    store.remove(IdempotencyStore.id("t", "gone"));

    Claim recent = store.claim("t", "recent");
    assertThat(recent).isInstanceOf(Claim.Known.class);
    assertThat(((Claim.Known) recent).position()).isCompletedWithValue(new Position(1, 5));
    assertThat(store.claim("t", "old")).isInstanceOf(Claim.Fresh.class);
    assertThat(store.claim("t", "gone")).isInstanceOf(Claim.Fresh.class);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
