package io.pipeline.asl.model;

/** How a state's fields are evaluated. */
public enum QueryLanguage {
  /**
   * Paths ({@code InputPath}, {@code Parameters}, {@code ResultPath}...) and intrinsic functions.
   */
  JSONPATH,
  /** JSONata expressions ({@code Arguments}, {@code Output}, {@code Assign}, {@code {% %}}). */
  JSONATA;

  /** Parses the definition's spelling, {@code JSONPath} or {@code JSONata}. */
  public static QueryLanguage parse(String text) {
    return switch (text) {
      case "JSONPath" -> JSONPATH;
      case "JSONata" -> JSONATA;
      default ->
          throw new IllegalArgumentException(
              "QueryLanguage must be JSONPath or JSONata, not '" + text + "'");
    };
  }
}
