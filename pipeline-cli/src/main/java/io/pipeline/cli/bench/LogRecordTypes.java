package io.pipeline.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code type} of each entry of an Express log record (a JSON array of entry objects), in
 * order. The benchmark's reader counts every record the runtime writes on the cores the runtime
 * runs on: a tokenizing parser, which reads every field name of every entry and of its details,
 * took more than a quarter of the CPU at level ALL. This reads the bytes once, keeping track only
 * of strings and nesting, and decodes nothing but the {@code type} fields of the entries.
 */
final class LogRecordTypes {

  private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);

  private LogRecordTypes() {}

  /** The entries' types; empty when the value is no array of objects, cut where it breaks off. */
  static List<String> of(byte[] value) {
    if (value == null) {
      return List.of();
    }
    int i = skipWhitespace(value, 0);
    if (i >= value.length || value[i] != '[') {
      return List.of();
    }
    List<String> types = new ArrayList<>();
    int depth = 0;
    boolean keyNext = false; // in an entry, a string now is a field name
    boolean typeValueNext = false; // the last field name was "type"
    for (; i < value.length; i++) {
      byte b = value[i];
      switch (b) {
        case '[', '{' -> {
          depth++;
          keyNext = b == '{' && depth == 2;
          typeValueNext = false;
        }
        case ']', '}' -> depth--;
        case ',' -> keyNext = depth == 2;
        case '"' -> {
          int end = stringEnd(value, i + 1);
          if (end < 0) {
            return types;
          }
          if (keyNext) {
            typeValueNext = Arrays.equals(value, i + 1, end, TYPE, 0, TYPE.length);
            keyNext = false;
          } else if (typeValueNext && depth == 2) {
            types.add(new String(value, i + 1, end - i - 1, StandardCharsets.UTF_8));
            typeValueNext = false;
          }
          i = end;
        }
        default -> {
          // whitespace, ':', and the characters of numbers, true, false and null
        }
      }
    }
    return types;
  }

  /** The index of the quote that closes a string whose first character is at {@code from}. */
  private static int stringEnd(byte[] value, int from) {
    for (int i = from; i < value.length; i++) {
      if (value[i] == '\\') {
        i++;
      } else if (value[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  private static int skipWhitespace(byte[] value, int from) {
    int i = from;
    while (i < value.length
        && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
      i++;
    }
    return i;
  }
}
