package io.pipeline.transform.etl;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipeline.schemas.json.AvroJson;
import io.pipeline.schemas.json.JsonRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a JSON-lines object as it streams: one JSON object per line (UTF-8, {@code \n} or {@code
 * \r\n}, blank lines skipped), each parsed by Jackson on its own and converted to the schema as the
 * pipeline's JSON-to-Avro mapping does ({@link AvroJson}: timestamps as ISO-8601 text or epoch
 * milliseconds, unknown fields refused). A line that is not such an object is a bad row, and the
 * next line is read as usual; a line over the limit is skipped without being held in memory.
 */
final class JsonLinesRowReader implements RowReader {

  private static final ObjectReader JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .readerFor(JsonNode.class);
  private static final int CHUNK = 64 * 1024;
  private static final int PREVIEW_BYTES = 4 * Row.Bad.PREVIEW_CHARS;

  private final InputStream in;
  private final Schema schema;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkStart;
  private int chunkEnd;
  private byte[] line = new byte[1024];
  private int lineLength;
  private boolean lineTooLong;
  private boolean ended;
  private long lineNumber;
  private long number;

  /**
   * @param in the object's bytes; not closed by the reader
   * @param schema the record schema rows are converted to
   * @param maxLineBytes the longest line
   */
  JsonLinesRowReader(InputStream in, Schema schema, int maxLineBytes) {
    this.in = in;
    this.schema = schema;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public Optional<Row> next() throws IOException {
    while (readLine()) {
      int start = lineNumber == 1 ? byteOrderMark() : 0;
      int end = lineLength;
      if (end > start && line[end - 1] == '\r') {
        end--;
      }
      if (!lineTooLong && blank(start, end)) {
        continue;
      }
      number++;
      String text =
          new String(line, start, Math.min(end - start, PREVIEW_BYTES), StandardCharsets.UTF_8);
      if (lineTooLong) {
        return Optional.of(
            new Row.Bad(
                number, lineNumber, text, "the line is longer than " + maxLineBytes + " bytes"));
      }
      return Optional.of(row(start, end, text));
    }
    return Optional.empty();
  }

  private Row row(int start, int end, String text) {
    JsonNode json;
    try {
      json = JSON.readValue(line, start, end - start);
    } catch (JacksonException e) {
      return new Row.Bad(
          number,
          lineNumber,
          text,
          "not JSON: "
              + e.getOriginalMessage()
              + " (column "
              + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr())
              + ")");
    } catch (IOException e) {
      return new Row.Bad(number, lineNumber, text, "not JSON: " + e.getMessage());
    }
    if (!json.isObject()) {
      return new Row.Bad(
          number, lineNumber, text, "expected a JSON object, got " + json.getNodeType());
    }
    try {
      GenericRecord record = (GenericRecord) AvroJson.fromJson(json, schema);
      return new Row.Good(number, lineNumber, Arrays.copyOfRange(line, start, end), record);
    } catch (JsonRecordException e) {
      return new Row.Bad(number, lineNumber, text, e.getMessage());
    }
  }

  /** Reads the next line into {@link #line}; false at the end of the object. */
  private boolean readLine() throws IOException {
    if (ended) {
      return false;
    }
    lineLength = 0;
    lineTooLong = false;
    boolean any = false;
    while (true) {
      if (chunkStart == chunkEnd && !fill()) {
        ended = true;
        if (any) {
          lineNumber++;
        }
        return any;
      }
      any = true;
      int newline = indexOf('\n');
      int stop = newline < 0 ? chunkEnd : newline;
      append(chunkStart, stop - chunkStart);
      if (newline >= 0) {
        chunkStart = newline + 1;
        lineNumber++;
        return true;
      }
      chunkStart = chunkEnd;
    }
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(chunk, 0, chunk.length);
    } while (read == 0);
    chunkStart = 0;
    chunkEnd = Math.max(read, 0);
    return read > 0;
  }

  private int indexOf(char c) {
    for (int i = chunkStart; i < chunkEnd; i++) {
      if (chunk[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int length) {
    if (lineLength + length > maxLineBytes) {
      lineTooLong = true;
    }
    // Of a line over the limit, only the start is kept, for the report; the rest streams by.
    int keep = lineTooLong ? Math.max(0, Math.min(length, PREVIEW_BYTES - lineLength)) : length;
    if (keep == 0) {
      return;
    }
    if (lineLength + keep > line.length) {
      int capacity = Math.max(maxLineBytes, PREVIEW_BYTES);
      line = Arrays.copyOf(line, Math.min(capacity, Math.max(line.length * 2, lineLength + keep)));
    }
    System.arraycopy(chunk, from, line, lineLength, keep);
    lineLength += keep;
  }

  private int byteOrderMark() {
    return lineLength >= 3
            && (line[0] & 0xFF) == 0xEF
            && (line[1] & 0xFF) == 0xBB
            && (line[2] & 0xFF) == 0xBF
        ? 3
        : 0;
  }

  private boolean blank(int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
