package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads the items of one object's content as it streams in, never holding the content itself: a
 * CSV's rows as objects of strings by column name, a JSON array's elements, a JSON Lines text's
 * values. Items go to an {@link ItemCollector}, which stops the reading at {@code MaxItems}.
 */
final class ObjectItems {

  private final int maxItemChars;
  private final ObjectMapper json;
  private final ObjectReader oneValue;

  /**
   * @param maxItemChars the longest CSV record or JSON line read; a JSON document is read up to
   *     four times this (its whitespace included)
   */
  ObjectItems(int maxItemChars) {
    this.maxItemChars = maxItemChars;
    this.json =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder()
                            .maxDocumentLength(4L * maxItemChars)
                            .build())
                    .build())
            .build();
    // A JSON Lines line holds one value.
    this.oneValue = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Reads the items of one object.
   *
   * @param content the object's bytes, decompressed
   * @param type what they hold (not {@code MANIFEST}: its files are CSV)
   * @param where the object, for failures, e.g. {@code s3://bucket/key}
   */
  void read(
      InputStream content,
      ReaderConfig.InputType type,
      ReaderConfig config,
      String where,
      ItemCollector items)
      throws IOException {
    switch (type) {
      case CSV -> csv(reader(content), config, where, items);
      case JSON -> jsonArray(content, config.itemsPointer(), where, items);
      case JSONL -> jsonLines(reader(content), where, items);
      case MANIFEST ->
          throw new IllegalArgumentException("A manifest is read by its files, not as items");
    }
  }

  /**
   * Reads a whole JSON document, such as an inventory's manifest, up to four times the item limit.
   *
   * @param where the object, for failures
   */
  JsonNode document(InputStream content, String where) throws IOException {
    try {
      return json.readTree(content);
    } catch (JsonProcessingException e) {
      throw ItemReaderFailures.failed(
          "The JSON of " + where + " is not valid: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads CSV rows as objects of strings: a row with fewer fields than columns gets empty strings,
   * one with more has the rest skipped, as Step Functions does.
   */
  private void csv(Reader text, ReaderConfig config, String where, ItemCollector items)
      throws IOException {
    CsvRecords records = new CsvRecords(text, config.delimiter().character, maxItemChars, where);
    List<String> headers = config.headers();
    if (config.headerLocation() == ReaderConfig.HeaderLocation.FIRST_ROW) {
      Optional<CsvRecords.CsvRecord> first = records.next();
      if (first.isEmpty()) {
        return;
      }
      headers = first.get().fields();
      int length = headers.stream().mapToInt(h -> h.length() + 1).sum();
      if (length > HEADER_LIMIT) {
        throw ItemReaderFailures.failed(
            "The CSV header on line 1 of "
                + where
                + " is longer than Step Functions' limit of 10 KiB");
      }
    }
    while (!items.full()) {
      Optional<CsvRecords.CsvRecord> next = records.next();
      if (next.isEmpty()) {
        return;
      }
      List<String> fields = next.get().fields();
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < headers.size(); i++) {
        row.put(headers.get(i), i < fields.size() ? fields.get(i) : "");
      }
      long line = next.get().line();
      items.add(row, () -> "the CSV record on line " + line + " of " + where);
    }
  }

  /** Step Functions reads CSV headers of up to 10 KiB. */
  static final int HEADER_LIMIT = 10 * 1024;

  private void jsonArray(
      InputStream content, Optional<String> pointer, String where, ItemCollector items)
      throws IOException {
    try (JsonParser parser = json.createParser(content)) {
      JsonToken token = at(parser, JsonPointer.compile(pointer.orElse("")), where);
      if (token != JsonToken.START_ARRAY) {
        throw ItemReaderFailures.failed(
            "The JSON "
                + pointer.map(p -> "at " + p + " ").orElse("")
                + "of "
                + where
                + " is not an array"
                + (pointer.isEmpty() ? " (name the array with ReaderConfig.ItemsPointer)" : ""));
      }
      int index = 0;
      while (!items.full()) {
        token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          return;
        }
        if (token == null) {
          throw ItemReaderFailures.failed("The JSON array of " + where + " is never closed");
        }
        JsonNode item = parser.readValueAsTree();
        int position = index++;
        items.add(
            item == null ? NullNode.getInstance() : item,
            () -> "element " + position + " of the array in " + where);
      }
    } catch (JsonProcessingException e) {
      throw ItemReaderFailures.failed(
          "The JSON of "
              + where
              + " is not valid at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
  }

  /** Moves the parser to the value a JSON Pointer names and answers its first token. */
  private static JsonToken at(JsonParser parser, JsonPointer pointer, String where)
      throws IOException {
    JsonToken token = parser.nextToken();
    for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
      boolean found = false;
      if (token == JsonToken.START_OBJECT) {
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
          boolean match = parser.currentName().equals(rest.getMatchingProperty());
          token = parser.nextToken();
          if (match) {
            found = true;
            break;
          }
          parser.skipChildren();
        }
      } else if (token == JsonToken.START_ARRAY && rest.getMatchingIndex() >= 0) {
        for (int i = 0; (token = parser.nextToken()) != JsonToken.END_ARRAY && token != null; i++) {
          if (i == rest.getMatchingIndex()) {
            found = true;
            break;
          }
          parser.skipChildren();
        }
      }
      if (!found) {
        throw ItemReaderFailures.failed(
            "The JSON of " + where + " has nothing at ItemsPointer " + pointer);
      }
    }
    return token;
  }

  private void jsonLines(Reader text, String where, ItemCollector items) throws IOException {
    long line = 0;
    StringBuilder buffer = new StringBuilder();
    while (!items.full()) {
      buffer.setLength(0);
      int c;
      while ((c = text.read()) != -1 && c != '\n') {
        if (buffer.length() >= maxItemChars) {
          throw ItemReaderFailures.failed(
              "Line "
                  + (line + 1)
                  + " of "
                  + where
                  + " is longer than "
                  + maxItemChars
                  + " characters");
        }
        buffer.append((char) c);
      }
      line++;
      String value = buffer.toString().strip();
      if (line == 1 && value.startsWith("\uFEFF")) {
        value = value.substring(1).strip();
      }
      if (!value.isEmpty()) {
        JsonNode item;
        try {
          item = oneValue.readTree(value);
        } catch (JsonProcessingException e) {
          throw ItemReaderFailures.failed(
              "Line " + line + " of " + where + " is not JSON: " + e.getOriginalMessage());
        }
        long at = line;
        items.add(item, () -> "line " + at + " of " + where);
      }
      if (c == -1) {
        return;
      }
    }
  }

  private static Reader reader(InputStream content) {
    return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 64 * 1024);
  }
}
