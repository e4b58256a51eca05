package io.pipeline.orchestrator.schedules;

import java.util.Optional;

/**
 * What parsing a schedule expression gave: the expression, or why it was refused.
 *
 * @param expression present when the expression is valid
 * @param error present when it is not
 */
public record ScheduleParseResult(
    Optional<ScheduleExpression> expression, Optional<ScheduleExpressionError> error) {

  public ScheduleParseResult {
    if (expression.isPresent() == error.isPresent()) {
      throw new IllegalArgumentException("a parse result has an expression or an error, not both");
    }
  }

  static ScheduleParseResult valid(ScheduleExpression expression) {
    return new ScheduleParseResult(Optional.of(expression), Optional.empty());
  }

  static ScheduleParseResult invalid(ScheduleExpressionError error) {
    return new ScheduleParseResult(Optional.empty(), Optional.of(error));
  }

  public boolean isValid() {
    return expression.isPresent();
  }

  /**
   * The expression, for callers that hold a constant they know to be valid.
   *
   * @throws IllegalArgumentException with the error's message when it is not
   */
  public ScheduleExpression orElseThrow() {
    return expression.orElseThrow(() -> new IllegalArgumentException(error.get().message()));
  }
}
