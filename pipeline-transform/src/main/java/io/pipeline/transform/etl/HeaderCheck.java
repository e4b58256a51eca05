package io.pipeline.transform.etl;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Checks the first bytes of an object, before it is loaded: a CSV object's header row must name the
 * schema's fields ({@link CsvColumns}); a JSON-lines object must start with a JSON object.
 */
final class HeaderCheck {

  /** How many bytes of an object are read to check it. */
  static final int HEAD_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HeaderCheck() {}

  /**
   * What is wrong with an object's start.
   *
   * @param head the object's first bytes
   * @param whole whether {@code head} is the whole object
   * @return the problems, empty when the start fits
   */
  static List<String> problems(DataFormat format, byte[] head, boolean whole, Schema schema) {
    return format == DataFormat.CSV
        ? csvProblems(head, whole, schema)
        : jsonLinesProblems(head, whole);
  }

  private static List<String> csvProblems(byte[] head, boolean whole, Schema schema) {
    int newline = indexOf(head, (byte) '\n', 0);
    if (newline < 0 && !whole) {
      return List.of("its header row is longer than " + HEAD_BYTES + " bytes");
    }
    byte[] headerLine = newline < 0 ? head : Arrays.copyOf(head, newline);
    return csvHeaderProblems(headerLine, schema);
  }

  private static List<String> jsonLinesProblems(byte[] head, boolean whole) {
    int start = 0;
    while (start < head.length) {
      int end = indexOf(head, (byte) '\n', start);
      int stop = end < 0 ? head.length : end;
      for (int i = start; i < stop; i++) {
        if (!isBlankOrBom(head[i])) {
          return firstJsonLineProblems(Arrays.copyOfRange(head, i, stop), end >= 0 || whole);
        }
      }
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    return List.of(
        whole
            ? "it has no JSON line"
            : "it has no JSON line in its first " + HEAD_BYTES + " bytes");
  }

  private static List<String> csvHeaderProblems(byte[] headerLine, Schema schema) {
    try {
      return CsvRowReader.open(new ByteArrayInputStream(headerLine), schema, HEAD_BYTES)
          .headerProblems();
    } catch (IOException e) {
      return List.of("its header row is not CSV in UTF-8: " + e.getMessage());
    }
  }

  private static List<String> firstJsonLineProblems(byte[] line, boolean complete) {
    if (line[0] != '{') {
      return List.of("its first line does not start a JSON object");
    }
    if (!complete) {
      return List.of();
    }
    try {
      JsonNode first = JSON.readTree(line);
      return first != null && first.isObject()
          ? List.of()
          : List.of("its first line is not a JSON object");
    } catch (JacksonException e) {
      return List.of("its first line is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return List.of("its first line is not JSON: " + e.getMessage());
    }
  }

  private static boolean isBlankOrBom(byte b) {
    int u = b & 0xFF;
    return u == ' ' || u == '\t' || u == '\r' || u == '\n' || u == 0xEF || u == 0xBB || u == 0xBF;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
