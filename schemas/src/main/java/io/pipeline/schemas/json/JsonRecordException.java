package io.pipeline.schemas.json;

/** A JSON document does not fit an Avro schema; the message says where and why. */
public final class JsonRecordException extends IllegalArgumentException {

  private final String path;
  private final String problem;

  /**
   * @param path where in the document, as a JSONPath such as {@code $.readings[2].value}
   * @param problem what is wrong there
   */
  public JsonRecordException(String path, String problem) {
    super("at " + path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  public String path() {
    return path;
  }

  /** What is wrong at {@link #path()}, without the path. */
  public String problem() {
    return problem;
  }
}
