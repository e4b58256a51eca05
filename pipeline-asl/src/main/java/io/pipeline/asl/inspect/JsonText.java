package io.pipeline.asl.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A request field that must hold JSON text, read: its value, or what is wrong with it.
 *
 * @param value the JSON value, when the text is one
 * @param problem what is wrong with the text, when it is not, with line and column
 */
record JsonText(Optional<JsonNode> value, Optional<String> problem) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static JsonText read(String text) {
    try {
      JsonNode value = JSON.readTree(text);
      if (value == null || value.isMissingNode()) {
        return new JsonText(Optional.empty(), Optional.of("it holds no JSON value"));
      }
      return new JsonText(Optional.of(value), Optional.empty());
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      return new JsonText(Optional.empty(), Optional.of(e.getOriginalMessage() + where));
    }
  }
}
