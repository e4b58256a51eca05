package io.pipeline.orchestrator.triggers;

import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.orchestrator.history.EventBridgeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules on the wall clock. The execution is named from the schedule and its fire time
 * ({@code nightly-1795660800}): every instance fires a schedule of a Standard state machine, and
 * however many do, one execution starts. An Express start is not idempotent, so only the instance
 * that leads the schedule fires it (the one whose partitions hold the schedule's name). A start
 * that gets no verdict, or a fire while the leader is not known (partitions moving), is tried again
 * a few times; fire times missed while no instance ran are not made up.
 */
public final class ScheduleRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
  private static final int ATTEMPTS = 5;
  private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

  private final Starter starter;
  private final Clock clock;
  private final Predicate<String> leads;
  private final Duration retryDelay;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("schedules"));

  /**
   * @param schedules what to fire
   * @param starter starts the executions
   * @param clock the wall clock
   * @param leads whether this instance leads a schedule, by name; throws while that is not known
   */
  public ScheduleRunner(
      List<ScheduleRule> schedules, Starter starter, Clock clock, Predicate<String> leads) {
    this(schedules, starter, clock, leads, RETRY_DELAY);
  }

  ScheduleRunner(
      List<ScheduleRule> schedules,
      Starter starter,
      Clock clock,
      Predicate<String> leads,
      Duration retryDelay) {
    this.starter = starter;
    this.clock = clock;
    this.leads = leads;
    this.retryDelay = retryDelay;
    schedules.forEach(schedule -> next(schedule, clock.instant()));
    log.info("{} schedule(s) running", schedules.size());
  }

  private void next(ScheduleRule schedule, Instant after) {
    Optional<Instant> fireTime = schedule.schedule().nextFireTime(after);
    if (fireTime.isEmpty()) {
      log.info("Schedule '{}' has no more fire times", schedule.name());
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), fireTime.get()).toMillis());
    timer.schedule(() -> fire(schedule, fireTime.get(), 1), delay, TimeUnit.MILLISECONDS);
  }

  private void fire(ScheduleRule schedule, Instant fireTime, int attempt) {
    if (attempt == 1) {
      next(schedule, fireTime);
    }
    String name = schedule.name() + "-" + fireTime.getEpochSecond();
    String input =
        schedule.input().map(Object::toString).orElseGet(() -> event(schedule, fireTime));
    CompletableFuture<Boolean> started;
    try {
      started =
          starter.startsOnceByName(schedule.stateMachineArn()) || leads.test(schedule.name())
              ? starter.start(
                  "schedule " + schedule.name(), schedule.stateMachineArn(), name, input)
              : CompletableFuture.completedFuture(false);
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete(
        (done, failure) -> {
          if (failure != null && attempt < ATTEMPTS) {
            timer.schedule(
                () -> fire(schedule, fireTime, attempt + 1),
                retryDelay.toMillis(),
                TimeUnit.MILLISECONDS);
          } else if (failure != null) {
            log.error(
                "Schedule '{}' could not start its {} run: {}",
                schedule.name(),
                fireTime,
                failure.toString());
          }
        });
  }

  /** EventBridge's "Scheduled Event" for a fire time. */
  static String event(ScheduleRule schedule, Instant fireTime) {
    return EventBridgeEvent.write(
        schedule.name() + "/" + fireTime,
        "Scheduled Event",
        "aws.scheduler",
        schedule.stateMachineArn(),
        fireTime,
        "schedule/" + schedule.name(),
        EventBridgeEvent.Detail.NONE);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
