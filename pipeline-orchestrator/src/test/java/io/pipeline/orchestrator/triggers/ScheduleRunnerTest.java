package io.pipeline.orchestrator.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.orchestrator.runtime.RuntimeUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Which instances fire a schedule: all of them for a Standard state machine (the name makes one
 * execution of their starts), only the leader for an Express one, whose starts are not idempotent.
 */
class ScheduleRunnerTest {

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:nightly";

  /** Records the starts it is asked for; Express or Standard as told. */
  private static final class RecordingStarter implements Starter {
    final List<String> started = new CopyOnWriteArrayList<>();
    final boolean express;

    RecordingStarter(boolean express) {
      this.express = express;
    }

    @Override
    public CompletableFuture<Boolean> start(
        String source, String stateMachineArn, String name, String input) {
      started.add(name);
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public boolean startsOnceByName(String stateMachineArn) {
      return !express;
    }
  }

  @Test
  void shouldFireAStandardScheduleOnEveryInstance() {
    RecordingStarter leader = new RecordingStarter(false);
    RecordingStarter follower = new RecordingStarter(false);
    List<ScheduleRule> rules = inASecond();

    try (ScheduleRunner a = runner(rules, leader, name -> true);
        ScheduleRunner b = runner(rules, follower, name -> false)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> follower.started.size() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> leader.started.size() == 1);
    }
    assertThat(leader.started).isEqualTo(follower.started);
  }

  @Test
  void shouldFireAnExpressScheduleOnTheLeaderOnly() throws Exception {
    RecordingStarter leader = new RecordingStarter(true);
    RecordingStarter follower = new RecordingStarter(true);
    List<ScheduleRule> rules = inASecond();
    List<String> asked = new CopyOnWriteArrayList<>();

    try (ScheduleRunner a = runner(rules, leader, name -> asked.add(name));
        ScheduleRunner b = runner(rules, follower, name -> !asked.add(name))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> leader.started.size() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 2);
    }
    assertThat(follower.started).isEmpty();
    assertThat(asked).containsOnly("nightly");
  }

  @Test
  void shouldFireAgainWhileTheLeaderIsNotKnown() {
    RecordingStarter leader = new RecordingStarter(true);
    AtomicInteger asked = new AtomicInteger();

    try (ScheduleRunner a =
        runner(
            inASecond(),
            leader,
            name -> {
              if (asked.incrementAndGet() < 3) {
                throw new RuntimeUnavailableException("partitions moving");
              }
              return true;
            })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> leader.started.size() == 1);
    }
    assertThat(asked).hasValue(3);
  }

  private static ScheduleRunner runner(
      List<ScheduleRule> rules, Starter starter, Predicate<String> leads) {
    return new ScheduleRunner(rules, starter, Clock.systemUTC(), leads, Duration.ofMillis(100));
  }

  /** A one-time schedule about a second from now. */
  private static List<ScheduleRule> inASecond() {
    String at =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
    return ScheduleRule.parse(
        "S",
        "[{\"name\": \"nightly\", \"expression\": \"at("
            + at
            + ")\", \"stateMachineArn\": \""
            + ARN
            + "\"}]");
  }
}
