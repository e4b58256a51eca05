package io.pipeline.schemas.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Where in a JSON text Jackson found a problem, for messages that tell a person where to look. */
public final class JsonPosition {

  private JsonPosition() {}

  /** {@code line L, column C} of the problem, or empty when Jackson does not know it. */
  public static String of(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** {@code " (line L, column C)"}, or nothing when the place is unknown. */
  public static String suffix(JsonProcessingException e) {
    String position = of(e);
    return position.isEmpty() ? "" : " (" + position + ")";
  }
}
