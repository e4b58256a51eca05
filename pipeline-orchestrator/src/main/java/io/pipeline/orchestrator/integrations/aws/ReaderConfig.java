package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ItemReader's {@code ReaderConfig}: what the object holds and how to read it.
 *
 * @param inputType what the object (or each listed object) holds; empty for a listing's metadata
 * @param headerLocation where a CSV's column names are
 * @param headers the column names given in the definition ({@code CSVHeaders})
 * @param delimiter what separates a CSV's fields
 * @param maxItems the most items read ({@code MaxItems}); {@link Long#MAX_VALUE} when unset
 * @param itemsPointer where in a JSON object its array of items is ({@code ItemsPointer})
 * @param loadAndFlatten whether a listing's objects are read for their items ({@code
 *     LOAD_AND_FLATTEN}) rather than given as items themselves
 */
record ReaderConfig(
    Optional<InputType> inputType,
    HeaderLocation headerLocation,
    List<String> headers,
    Delimiter delimiter,
    long maxItems,
    Optional<String> itemsPointer,
    boolean loadAndFlatten) {

  /** What an object holds. */
  enum InputType {
    CSV,
    JSON,
    JSONL,
    MANIFEST
  }

  /** Where a CSV's column names are. */
  enum HeaderLocation {
    FIRST_ROW,
    GIVEN
  }

  /** The field separators Step Functions accepts. */
  enum Delimiter {
    COMMA(','),
    PIPE('|'),
    SEMICOLON(';'),
    SPACE(' '),
    TAB('\t');

    final char character;

    Delimiter(char character) {
      this.character = character;
    }
  }

  /** Step Functions' largest {@code MaxItems}. */
  static final long MAX_ITEMS_LIMIT = 100_000_000L;

  private static final Set<String> FIELDS =
      Set.of(
          "InputType",
          "ManifestType",
          "Transformation",
          "CSVHeaderLocation",
          "CSVHeaders",
          "CSVDelimiter",
          "MaxItems",
          "MaxItemsPath",
          "ItemsPointer");

  ReaderConfig {
    headers = List.copyOf(headers);
  }

  /**
   * Reads a {@code ReaderConfig}.
   *
   * @param json the field, or a missing node
   * @param listing whether the reader lists objects ({@code s3:listObjectsV2}) rather than reading
   *     one ({@code s3:getObject})
   * @throws io.pipeline.orchestrator.integrations.TaskFailure {@code States.ItemReaderFailed}
   *     saying which field is wrong
   */
  static ReaderConfig of(JsonNode json, boolean listing) {
    if (!json.isMissingNode() && !json.isObject()) {
      throw invalid("ReaderConfig must be an object, was " + json);
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid("ReaderConfig has a field Step Functions does not define: " + name);
      }
    }
    if (json.has("MaxItemsPath")) {
      throw invalid(
          "ReaderConfig.MaxItemsPath is not evaluated by this orchestrator's engine; use MaxItems");
    }
    Optional<InputType> inputType = inputType(json);
    boolean flatten =
        "LOAD_AND_FLATTEN".equals(text(json, "Transformation", Set.of("NONE", "LOAD_AND_FLATTEN")));
    if (listing && flatten && inputType.isEmpty()) {
      throw invalid("Transformation LOAD_AND_FLATTEN needs ReaderConfig.InputType");
    }
    if (listing && flatten && inputType.get() == InputType.MANIFEST) {
      throw invalid("Transformation LOAD_AND_FLATTEN reads CSV, JSON or JSONL objects only");
    }
    if (listing && !flatten && inputType.isPresent()) {
      throw invalid(
          "InputType goes with s3:listObjectsV2 only with Transformation LOAD_AND_FLATTEN");
    }
    if (!listing && json.has("Transformation")) {
      throw invalid("Transformation goes with s3:listObjectsV2 only");
    }
    if (!listing && inputType.isEmpty()) {
      throw invalid(
          "s3:getObject needs ReaderConfig.InputType (CSV, JSON, JSONL or MANIFEST) or ManifestType");
    }
    String location = text(json, "CSVHeaderLocation", Set.of("FIRST_ROW", "GIVEN"));
    HeaderLocation headerLocation =
        location == null ? HeaderLocation.FIRST_ROW : HeaderLocation.valueOf(location);
    List<String> headers = headers(json, headerLocation);
    String delimiter = text(json, "CSVDelimiter", names(Delimiter.values()));
    if (json.has("ItemsPointer") && inputType.orElse(null) != InputType.JSON) {
      throw invalid("ItemsPointer goes with InputType JSON only");
    }
    String pointer = text(json, "ItemsPointer", null);
    if (pointer != null && !pointer.isEmpty() && !pointer.startsWith("/")) {
      throw invalid(
          "ItemsPointer must be a JSON Pointer such as /data/items, was '" + pointer + "'");
    }
    return new ReaderConfig(
        inputType,
        headerLocation,
        headers,
        delimiter == null ? Delimiter.COMMA : Delimiter.valueOf(delimiter),
        maxItems(json),
        Optional.ofNullable(pointer),
        flatten);
  }

  private static Optional<InputType> inputType(JsonNode json) {
    String input = text(json, "InputType", Set.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"));
    String manifest = text(json, "ManifestType", Set.of("S3_INVENTORY", "ATHENA_DATA"));
    if ("PARQUET".equals(input)) {
      throw invalid("InputType PARQUET is not read by this orchestrator; use CSV, JSON or JSONL");
    }
    if ("ATHENA_DATA".equals(manifest)) {
      throw invalid("ManifestType ATHENA_DATA is not read by this orchestrator");
    }
    if (manifest != null && input != null) {
      throw invalid("ManifestType S3_INVENTORY goes without InputType");
    }
    if (manifest != null) {
      return Optional.of(InputType.MANIFEST);
    }
    return Optional.ofNullable(input).map(InputType::valueOf);
  }

  private static List<String> headers(JsonNode json, HeaderLocation location) {
    JsonNode given = json.path("CSVHeaders");
    if (location == HeaderLocation.FIRST_ROW) {
      if (!given.isMissingNode()) {
        throw invalid("CSVHeaders go with CSVHeaderLocation GIVEN");
      }
      return List.of();
    }
    if (!given.isArray() || given.isEmpty()) {
      throw invalid("CSVHeaderLocation GIVEN needs CSVHeaders, a non-empty array of strings");
    }
    List<String> headers = new ArrayList<>();
    for (JsonNode header : given) {
      if (!header.isTextual()) {
        throw invalid("CSVHeaders must be strings, but holds " + header);
      }
      headers.add(header.textValue());
    }
    return headers;
  }

  private static long maxItems(JsonNode json) {
    if (!json.has("MaxItems")) {
      return Long.MAX_VALUE;
    }
    JsonNode value = json.get("MaxItems");
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_ITEMS_LIMIT) {
      throw invalid(
          "ReaderConfig.MaxItems must be an integer from 0 to "
              + MAX_ITEMS_LIMIT
              + ", was "
              + value);
    }
    // As MaxConcurrency, 0 sets no limit.
    return value.asLong() == 0 ? Long.MAX_VALUE : value.asLong();
  }

  /** A string field, checked against its values when they are given; null when missing. */
  private static String text(JsonNode json, String field, Set<String> values) {
    JsonNode value = json.path(field);
    if (value.isMissingNode()) {
      return null;
    }
    if (!value.isTextual() || values != null && !values.contains(value.textValue())) {
      throw invalid(
          "ReaderConfig."
              + field
              + " must be "
              + (values == null ? "a string" : "one of " + new java.util.TreeSet<>(values))
              + ", was "
              + value);
    }
    return value.textValue();
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> names = new java.util.HashSet<>();
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return names;
  }

  private static io.pipeline.orchestrator.integrations.TaskFailure invalid(String cause) {
    return ItemReaderFailures.failed(cause);
  }
}
