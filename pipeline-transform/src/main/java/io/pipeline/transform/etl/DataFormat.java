package io.pipeline.transform.etl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formats of objects the workers load; the state machine's Choice routes on their names. */
public enum DataFormat {
  /** Comma-separated values with a header row naming the schema's fields (RFC 4180 quoting). */
  CSV("text/csv", List.of(".csv"), List.of("text/csv", "application/csv")),
  /** One JSON object per line, each with the schema's fields. */
  JSONL(
      "application/x-ndjson",
      List.of(".jsonl", ".ndjson"),
      List.of(
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "application/jsonlines"));

  private final String contentType;
  private final List<String> extensions;
  private final List<String> contentTypes;

  DataFormat(String contentType, List<String> extensions, List<String> contentTypes) {
    this.contentType = contentType;
    this.extensions = extensions;
    this.contentTypes = contentTypes;
  }

  /** The content type objects of this format are usually stored with. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format of an object: by its key's extension, otherwise by its content type.
   *
   * @param key the object's key
   * @param contentType its {@code Content-Type}, when it has one
   */
  static Optional<DataFormat> detect(String key, Optional<String> contentType) {
    String name = key.toLowerCase(Locale.ROOT);
    for (DataFormat format : values()) {
      if (format.extensions.stream().anyMatch(name::endsWith)) {
        return Optional.of(format);
      }
    }
    Optional<String> type =
        contentType.map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    for (DataFormat format : values()) {
      if (type.isPresent() && format.contentTypes.contains(type.get())) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** What {@link #detect} recognises, for messages. */
  static String recognised() {
    return "extensions .csv, .jsonl, .ndjson or content types text/csv, application/x-ndjson";
  }
}
