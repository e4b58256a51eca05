package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading request fields and writing values the way Step Functions' JSON protocol does. */
final class Fields {

  private Fields() {}

  static String required(JsonNode input, String field) {
    return optional(input, field).orElseThrow(() -> missing(field));
  }

  /** Step Functions' error for a required field that is missing. */
  static ApiException missing(String field) {
    return new ApiException(
        "ValidationException",
        "1 validation error detected: Value null at '"
            + field
            + "' failed to satisfy constraint: Member must not be null");
  }

  static Optional<String> optional(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new ApiException("SerializationException", "'" + field + "' must be a string");
    }
    return Optional.of(value.asText());
  }

  static Optional<Boolean> optionalBoolean(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new ApiException("SerializationException", "'" + field + "' must be true or false");
    }
    return Optional.of(value.asBoolean());
  }

  static Optional<Integer> optionalInt(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new ApiException("SerializationException", "'" + field + "' must be an integer");
    }
    return Optional.of(value.asInt());
  }

  static Optional<Long> optionalLong(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ApiException("SerializationException", "'" + field + "' must be an integer");
    }
    return Optional.of(value.asLong());
  }

  static Optional<Double> optionalNumber(JsonNode input, String field) {
    JsonNode value = input.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw new ApiException("SerializationException", "'" + field + "' must be a number");
    }
    return Optional.of(value.asDouble());
  }

  /**
   * A page size: {@code maxResults} if given (0 is "the default"), checked against {@code max} as
   * Step Functions checks it.
   */
  static int pageSize(JsonNode input, int defaultSize, int max) {
    int size = optionalInt(input, "maxResults").orElse(0);
    if (size < 0 || size > max) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value '"
              + size
              + "' at 'maxResults' failed to satisfy constraint: Member must have value between 0"
              + " and "
              + max);
    }
    return size == 0 ? defaultSize : size;
  }

  /**
   * An enumerated field: one of {@code allowed} when given, else Step Functions' {@code
   * ValidationException} naming the field and the values it may take.
   */
  static Optional<String> optionalEnum(JsonNode input, String field, List<String> allowed) {
    Optional<String> value = optional(input, field);
    if (value.isPresent() && !allowed.contains(value.get())) {
      throw new ApiException(
          "ValidationException",
          "1 validation error detected: Value '"
              + value.get()
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy enum value set: "
              + allowed);
    }
    return value;
  }

  /** Step Functions sends timestamps as epoch seconds with a fraction. */
  static double epochSeconds(Instant time) {
    return time.toEpochMilli() / 1000.0;
  }
}
