package io.pipeline.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.model.WaitState;
import io.pipeline.asl.path.PathScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** When a Wait state's wait ends, with AWS's errors for bad values. */
final class WaitTimes {

  private WaitTimes() {}

  static Instant dueAt(WaitState wait, PathScope scope, Instant now) {
    try {
      return due(wait, scope, now);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw StateFailure.runtime("The Wait state's time is out of range: " + e.getMessage());
    }
  }

  private static Instant due(WaitState wait, PathScope scope, Instant now) {
    if (wait.seconds().isPresent()) {
      return now.plusSeconds(wait.seconds().get().asLong());
    }
    if (wait.timestamp().isPresent()) {
      return timestamp(wait.timestamp().get().asText(), "Timestamp field", "");
    }
    if (wait.secondsPath().isPresent()) {
      String path = wait.secondsPath().get();
      JsonNode value =
          scope
              .read(path)
              .orElseThrow(
                  () ->
                      StateFailure.runtime(
                          "The SecondsPath parameter does not reference an input value: " + path));
      if (!value.isIntegralNumber()) {
        throw StateFailure.runtime(
            "The SecondsPath parameter cannot be parsed as a long value: " + path + " == " + value);
      }
      if (value.asLong() < 0) {
        throw StateFailure.runtime(
            "The SecondsPath parameter references a negative value: " + path + " == " + value);
      }
      return now.plusSeconds(value.asLong());
    }
    String path = wait.timestampPath().orElseThrow();
    JsonNode value =
        scope
            .read(path)
            .orElseThrow(
                () ->
                    StateFailure.runtime(
                        "The TimestampPath parameter does not reference an input value: " + path));
    return timestamp(
        value.isTextual() ? value.textValue() : value.toString(),
        "TimestampPath parameter",
        ": " + path + " == " + (value.isTextual() ? value.textValue() : value.toString()));
  }

  private static Instant timestamp(String text, String what, String detail) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw StateFailure.runtime(
          "The "
              + what
              + " does not reference a valid ISO-8601 extended offset date-time format string"
              + detail);
    }
  }
}
