package io.pipeline.schemas.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pipeline.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A setting whose value is JSON, given inline or as {@code @path} of a UTF-8 file holding it. The
 * JSON is read strictly (a key given twice in one object is refused), and every failure is a {@link
 * ConfigException} naming the setting, the file if there is one, and the line and column.
 */
public final class JsonSetting {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private JsonSetting() {}

  /**
   * @param setting the setting's name, for messages
   * @param value the JSON text, or {@code @path} of a file holding it
   * @return the JSON read; a {@link MissingNode} when there is no JSON value at all (blank text)
   * @throws ConfigException when the file cannot be read or the text is not valid JSON
   */
  public static JsonNode read(String setting, String value) {
    String source = "Setting " + setting;
    String text = value;
    if (value.startsWith("@")) {
      Path file = Path.of(value.substring(1));
      source = source + "=@" + file;
      text = readFile(source, file);
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source + " is not valid JSON: " + e.getOriginalMessage() + JsonPosition.suffix(e), e);
    }
  }

  private static String readFile(String source, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(source + ": cannot read the file: " + e.getMessage(), e);
    }
  }
}
