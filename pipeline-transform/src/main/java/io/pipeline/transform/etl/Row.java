package io.pipeline.transform.etl;

import org.apache.avro.generic.GenericRecord;

/** A row read from an object: converted to the schema, or refused with the reason. */
sealed interface Row {

  /** The row's position among the object's rows, from 1 (a CSV header is not a row). */
  long number();

  /** The line of the object the row starts on, from 1. */
  long line();

  /**
   * A row that fits the schema.
   *
   * @param content the row as read (a JSON line's bytes, a CSV row's values), for its id
   * @param record the row as a record of the schema
   */
  record Good(long number, long line, byte[] content, GenericRecord record) implements Row {}

  /**
   * A row that does not fit.
   *
   * @param text the row as read, cut to a preview
   * @param problem what is wrong, naming the column or field
   */
  record Bad(long number, long line, String text, String problem) implements Row {

    /** The longest preview of a bad row kept in the quarantine report. */
    static final int PREVIEW_CHARS = 1024;

    public Bad {
      text = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text;
    }
  }
}
