package io.pipeline.orchestrator.schedules;

/**
 * Why a schedule expression was refused: the API answers it as a {@code ValidationException}.
 *
 * @param expression the expression as given
 * @param field the part that is wrong
 * @param token the text in that part that is wrong, e.g. {@code 25} in {@code cron(0 25 * * ? *)}
 * @param reason what is wrong with it and what would be right
 */
public record ScheduleExpressionError(
    String expression, ScheduleField field, String token, String reason) {

  /**
   * The whole message, e.g. {@code Invalid schedule expression cron(0 25 * * ? *): Hours field
   * '25': 25 is outside 0-23}.
   */
  public String message() {
    return "Invalid schedule expression "
        + expression
        + ": "
        + field.label()
        + " '"
        + token
        + "': "
        + reason;
  }

  @Override
  public String toString() {
    return message();
  }
}
