package io.pipeline.asl.model;

/**
 * A path field such as {@code InputPath}, {@code ResultPath} or {@code OutputPath}, which ASL
 * distinguishes as absent (its default, {@code $}), {@code null} (discard or empty), or a path.
 *
 * @param kind which of the three
 * @param path the path when {@code kind} is {@link Kind#PATH}, else {@code $}
 */
public record PathField(Kind kind, String path) {

  /** The three forms of a path field. */
  public enum Kind {
    ABSENT,
    NULL,
    PATH
  }

  public static final PathField ABSENT = new PathField(Kind.ABSENT, "$");
  public static final PathField NULL = new PathField(Kind.NULL, "$");

  public static PathField of(String path) {
    return new PathField(Kind.PATH, path);
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }
}
