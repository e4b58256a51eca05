package io.pipeline.orchestrator.schedules;

import java.util.List;

/** The six fields of an AWS cron expression: their values, names and wildcards. */
enum CronField {
  MINUTES(ScheduleField.MINUTES, 0, 59, ", - * /", List.of()),
  HOURS(ScheduleField.HOURS, 0, 23, ", - * /", List.of()),
  DAY_OF_MONTH(ScheduleField.DAY_OF_MONTH, 1, 31, ", - * ? / L W", List.of()),
  MONTH(
      ScheduleField.MONTH,
      1,
      12,
      ", - * /",
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  DAY_OF_WEEK(
      ScheduleField.DAY_OF_WEEK,
      1,
      7,
      ", - * ? L #",
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
  YEAR(ScheduleField.YEAR, 1970, 2199, ", - * /", List.of());

  private final ScheduleField field;
  private final int min;
  private final int max;
  private final String wildcards;
  private final List<String> names;

  CronField(ScheduleField field, int min, int max, String wildcards, List<String> names) {
    this.field = field;
    this.min = min;
    this.max = max;
    this.wildcards = wildcards;
    this.names = names;
  }

  ScheduleField field() {
    return field;
  }

  int min() {
    return min;
  }

  int max() {
    return max;
  }

  /** The wildcards AWS allows in the field, as its reference lists them. */
  String wildcards() {
    return wildcards;
  }

  boolean allowsSymbol(char symbol) {
    return wildcards.indexOf(symbol) >= 0;
  }

  /** The largest step after {@code /}: the field's span, as Quartz allows. */
  int maxStep() {
    return this == MINUTES || this == HOURS ? max : max - min + 1;
  }

  /** Whether a range may wrap around, e.g. hours {@code 22-2} or {@code FRI-MON}; years do not. */
  boolean wraps() {
    return this != YEAR;
  }

  /** The value a number or name stands for, or -1 when it is neither or out of range. */
  int value(String text) {
    if (text.matches("[0-9]{1,9}")) {
      int value = Integer.parseInt(text);
      return value >= min && value <= max ? value : -1;
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(text)) {
        return min + i;
      }
    }
    return -1;
  }

  /** Why {@code text} is no value of this field. */
  String valueProblem(String text) {
    String values = min + "-" + max;
    if (!names.isEmpty()) {
      values += " or " + names.get(0) + "-" + names.get(names.size() - 1);
    }
    if (text.matches("[0-9]{1,9}")) {
      return text + " is outside " + values;
    }
    return "'" + text + "' is not a value of this field: " + values;
  }
}
