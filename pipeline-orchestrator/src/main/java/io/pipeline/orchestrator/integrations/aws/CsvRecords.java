package io.pipeline.orchestrator.integrations.aws;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of a delimited text, read one at a time from a stream, by the rules Step Functions
 * documents for an ItemReader's CSV:
 *
 * <ul>
 *   <li>the delimiter separates fields, a newline ({@code \n}, {@code \r\n} or {@code \r}) records;
 *   <li>double quotes enclose fields that hold delimiters or newlines; a doubled quote is a quote,
 *       inside quotes or not ({@code {""k"":1}} reads {@code {"k":1}});
 *   <li>a backslash makes the backslash, quote or delimiter after it plain text, and is dropped
 *       before any other character, which then counts as usual.
 * </ul>
 *
 * Lines with nothing on them are skipped. A record's line is where it starts (the first line is 1),
 * so a failure can say where the text is wrong.
 */
final class CsvRecords {

  /** One record: its fields, and the line it starts on. */
  record CsvRecord(List<String> fields, long line) {}

  private static final int NONE = -2;

  private final Reader in;
  private final char delimiter;
  private final int maxRecordChars;
  private final String where;
  private int back = NONE;
  private int rawBack = NONE;
  private boolean atStart = true;
  private long line = 1;

  /**
   * @param in the text, read as it is needed
   * @param delimiter the field separator
   * @param maxRecordChars the longest record accepted, so one unclosed quote cannot take the whole
   *     text into memory
   * @param where what is read, for failures, e.g. {@code s3://bucket/key}
   */
  CsvRecords(Reader in, char delimiter, int maxRecordChars, String where) {
    this.in = in;
    this.delimiter = delimiter;
    this.maxRecordChars = maxRecordChars;
    this.where = where;
  }

  /**
   * The next record, or empty at the end of the text.
   *
   * @throws io.pipeline.orchestrator.integrations.TaskFailure {@code States.ItemReaderFailed} when
   *     a quoted field is never closed or a record is longer than the limit
   */
  Optional<CsvRecord> next() throws IOException {
    int c = read();
    while (c == '\n') {
      c = read();
    }
    if (c == -1) {
      return Optional.empty();
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean started = false;
    int chars = 0;
    while (true) {
      if (c == -1) {
        if (quoted) {
          throw ItemReaderFailures.failed(
              "The CSV record on line "
                  + start
                  + " of "
                  + where
                  + " opens a quoted field that is never closed");
        }
        fields.add(field.toString());
        return Optional.of(new CsvRecord(fields, start));
      }
      if (++chars > maxRecordChars) {
        throw ItemReaderFailures.failed(
            "The CSV record on line "
                + start
                + " of "
                + where
                + " is longer than "
                + maxRecordChars
                + " characters"
                + (quoted ? " (is a quote left open?)" : ""));
      }
      if (c == '\\') {
        int next = read();
        if (next == '\\' || next == '"' || next == delimiter) {
          field.append((char) next);
          started = true;
          c = read();
        } else {
          c = next;
        }
        continue;
      }
      if (c == '"') {
        if (quoted) {
          quoted = doubledQuote(field);
        } else if (!started) {
          quoted = true;
          started = true;
        } else {
          quoted = !doubledQuote(field);
        }
        c = read();
        continue;
      }
      if (!quoted && c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        started = false;
        c = read();
        continue;
      }
      if (!quoted && c == '\n') {
        fields.add(field.toString());
        return Optional.of(new CsvRecord(fields, start));
      }
      field.append((char) c);
      started = true;
      c = read();
    }
  }

  /** After a quote: whether another follows (it is consumed, and a quote added to the field). */
  private boolean doubledQuote(StringBuilder field) throws IOException {
    int next = read();
    if (next == '"') {
      field.append('"');
      return true;
    }
    back = next;
    return false;
  }

  /**
   * The next character, {@code \r\n} and a lone {@code \r} as {@code \n}; lines are counted here,
   * once, when a character is first read.
   */
  private int read() throws IOException {
    if (back != NONE) {
      int c = back;
      back = NONE;
      return c;
    }
    int c = raw();
    if (c == '\r') {
      int next = raw();
      if (next != '\n') {
        rawBack = next;
      }
      c = '\n';
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private int raw() throws IOException {
    if (rawBack != NONE) {
      int c = rawBack;
      rawBack = NONE;
      return c;
    }
    int c = in.read();
    if (atStart) {
      atStart = false;
      if (c == '\uFEFF') {
        // A byte order mark is not part of the first field.
        c = in.read();
      }
    }
    return c;
  }
}
