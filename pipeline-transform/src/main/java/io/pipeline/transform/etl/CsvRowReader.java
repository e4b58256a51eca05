package io.pipeline.transform.etl;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a CSV object (RFC 4180: comma-separated, values quoted with {@code "} where they hold
 * commas, quotes or line breaks; UTF-8, a byte order mark allowed; empty lines skipped) as it
 * streams, with Jackson's CSV parser. The first row is the header; {@link #headerProblems()} says
 * whether it fits the schema, and only then are rows read.
 */
final class CsvRowReader implements RowReader {

  private final CsvParser parser;
  private final int maxRowChars;
  private final CsvColumns.Mapping mapping;
  private long number;

  private CsvRowReader(CsvParser parser, int maxRowChars, CsvColumns.Mapping mapping) {
    this.parser = parser;
    this.maxRowChars = maxRowChars;
    this.mapping = mapping;
  }

  /**
   * Starts reading an object: reads its header row.
   *
   * @param in the object's bytes; not closed by the reader
   * @param schema the record schema rows are converted to
   * @param maxRowChars the longest row, in characters; a value beyond it breaks the object
   * @throws IOException when the header cannot be read
   */
  static CsvRowReader open(InputStream in, Schema schema, int maxRowChars) throws IOException {
    CsvFactory factory =
        CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            // The caller owns the stream: it reads it to its end for the checksum.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(maxRowChars).build())
            .build();
    CsvParser parser = factory.createParser(in);
    parser.setSchema(CsvSchema.emptySchema());
    Optional<Values> header = values(parser, maxRowChars);
    CsvColumns.Mapping mapping =
        header
            .map(h -> CsvColumns.of(schema, h.values().stream().map(String::trim).toList()))
            .orElseGet(
                () ->
                    new CsvColumns.Mapping(
                        Optional.empty(), List.of("the object has no header row")));
    return new CsvRowReader(parser, maxRowChars, mapping);
  }

  /** What is wrong with the header for the schema; empty when it fits. */
  List<String> headerProblems() {
    return mapping.problems();
  }

  @Override
  public Optional<Row> next() throws IOException {
    CsvColumns columns =
        mapping
            .columns()
            .orElseThrow(() -> new IllegalStateException("the header does not fit the schema"));
    Optional<Values> read = values(parser, maxRowChars);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Values row = read.get();
    number++;
    if (row.tooLong()) {
      return Optional.of(
          new Row.Bad(
              number,
              row.line(),
              String.join(",", row.values()),
              "the row is longer than " + maxRowChars + " characters"));
    }
    try {
      GenericRecord record = columns.toRecord(row.values());
      return Optional.of(new Row.Good(number, row.line(), content(row.values()), record));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          new Row.Bad(number, row.line(), String.join(",", row.values()), e.getMessage()));
    }
  }

  /** One row's values, as the parser gives them. */
  private record Values(long line, List<String> values, boolean tooLong) {}

  private static Optional<Values> values(CsvParser parser, int maxRowChars) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return Optional.empty();
    }
    if (token != JsonToken.START_ARRAY) {
      throw new IOException("unexpected " + token + " from the CSV parser");
    }
    List<String> values = new ArrayList<>();
    long line = -1;
    long chars = 0;
    boolean tooLong = false;
    while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
      if (line < 0) {
        line = parser.currentTokenLocation().getLineNr();
      }
      String value = parser.getText();
      chars += value.length() + 1;
      if (chars > maxRowChars) {
        tooLong = true;
      } else {
        values.add(value);
      }
    }
    if (token != JsonToken.END_ARRAY) {
      throw new IOException("the CSV row at line " + line + " is cut short");
    }
    return Optional.of(new Values(Math.max(line, 1), values, tooLong));
  }

  /**
   * A row's values as bytes that tell apart every different list of values: each value's UTF-8
   * length, 4 bytes big-endian, then its bytes.
   */
  private static byte[] content(List<String> values) {
    byte[][] utf8 = new byte[values.size()][];
    int size = 0;
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
      size += Integer.BYTES + utf8[i].length;
    }
    ByteBuffer content = ByteBuffer.allocate(size);
    for (byte[] value : utf8) {
      content.putInt(value.length).put(value);
    }
    return content.array();
  }
}
