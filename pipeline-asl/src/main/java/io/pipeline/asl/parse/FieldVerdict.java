package io.pipeline.asl.parse;

/** What the field tables say about a field of an object in a definition. */
enum FieldVerdict {
  /** The field belongs there. */
  ALLOWED,
  /** The field belongs there only in the other query language. */
  OTHER_QUERY_LANGUAGE,
  /** The States Language defines the field, but for other kinds of object. */
  NOT_ALLOWED,
  /** The States Language defines no such field. */
  UNKNOWN
}
