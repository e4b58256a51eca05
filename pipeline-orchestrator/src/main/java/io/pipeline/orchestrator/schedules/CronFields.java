package io.pipeline.orchestrator.schedules;

/** A parsed cron expression: the values of its fields and the rule for its days. */
record CronFields(
    ValueSet minutes, ValueSet hours, DayRule days, ValueSet months, ValueSet years) {}
