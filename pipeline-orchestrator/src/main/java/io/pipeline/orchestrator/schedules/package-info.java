/**
 * Schedule expressions as AWS EventBridge Scheduler and EventBridge scheduled rules write them, and
 * when they fire: {@code rate(value unit)}, {@code cron(minutes hours day-of-month month
 * day-of-week year)} and the one-time {@code at(yyyy-mm-ddThh:mm:ss)}, evaluated in an IANA time
 * zone. Pure logic: nothing here reads a clock or talks to Kafka; the trigger that starts
 * executions asks {@link io.pipeline.orchestrator.schedules.Schedule#nextFireTime} and keeps the
 * answer.
 *
 * <p>Daylight saving time follows EventBridge Scheduler: a cron time that does not exist on a day
 * (the hour the clocks skip) is skipped that day, and a time that exists twice (the hour the clocks
 * repeat) fires once, at its first occurrence. A one-time {@code at} time that does not exist fires
 * as late as the clocks moved (02:30 on a night that jumps from 02:00 to 03:00 fires at 03:30),
 * since skipping it would mean never firing; one that exists twice fires at its first occurrence.
 * Rates are durations and ignore clocks: {@code rate(1 day)} is 24 hours.
 */
package io.pipeline.orchestrator.schedules;
