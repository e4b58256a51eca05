package io.pipeline.asl.parse;

/** What a JSONPath-mode field may hold. */
enum PathKind {
  /** Any path, {@code null} included: {@code InputPath}, {@code OutputPath}. */
  PATH(true, false, false),
  /**
   * A reference path into the state's data, {@code null} included, neither {@code $$} nor a
   * variable: {@code ResultPath}.
   */
  RESULT_PATH(true, true, false),
  /** A reference path, variables included: {@code SecondsPath}, {@code ItemsPath}... */
  REFERENCE(false, true, false),
  /** A reference path or an intrinsic function call: {@code ErrorPath}, {@code CausePath}. */
  REFERENCE_OR_INTRINSIC(false, true, true);

  private final boolean nullable;
  private final boolean definite;
  private final boolean intrinsic;

  PathKind(boolean nullable, boolean definite, boolean intrinsic) {
    this.nullable = nullable;
    this.definite = definite;
    this.intrinsic = intrinsic;
  }

  boolean nullable() {
    return nullable;
  }

  boolean definite() {
    return definite;
  }

  boolean intrinsic() {
    return intrinsic;
  }
}
