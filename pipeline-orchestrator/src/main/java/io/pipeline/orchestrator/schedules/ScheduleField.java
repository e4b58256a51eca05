package io.pipeline.orchestrator.schedules;

/** The part of a schedule expression, or of its time zone, that an error points at. */
public enum ScheduleField {
  EXPRESSION("expression"),
  RATE_VALUE("rate value"),
  RATE_UNIT("rate unit"),
  MINUTES("Minutes field"),
  HOURS("Hours field"),
  DAY_OF_MONTH("Day-of-month field"),
  MONTH("Month field"),
  DAY_OF_WEEK("Day-of-week field"),
  YEAR("Year field"),
  AT_TIME("at time"),
  TIME_ZONE("time zone");

  private final String label;

  ScheduleField(String label) {
    this.label = label;
  }

  /** How a message names this part, e.g. {@code Day-of-month field}. */
  public String label() {
    return label;
  }
}
