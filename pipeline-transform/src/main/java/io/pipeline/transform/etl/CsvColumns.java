package io.pipeline.transform.etl;

import io.pipeline.common.time.IsoInstants;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * How a CSV file's columns map to a record schema's fields, and how a row's text values become a
 * record. A header must name each field without a default once, in any order, and nothing else.
 * Values are read as: strings as they are; numbers and booleans ({@code true}, {@code false}) as
 * written; enums by symbol; {@code timestamp-millis}/{@code -micros} as ISO-8601 instants or epoch
 * milliseconds/microseconds; {@code date} as ISO dates. An empty value is null where the field
 * allows null, otherwise the empty string for strings and a missing value for the rest.
 */
final class CsvColumns {

  private final Schema schema;
  private final List<String> header;
  private final Schema.Field[] fieldOfColumn;
  private final List<Schema.Field> defaulted;

  private CsvColumns(Schema schema, List<String> header, List<Schema.Field> defaulted) {
    this.schema = schema;
    this.header = List.copyOf(header);
    this.fieldOfColumn = header.stream().map(schema::getField).toArray(Schema.Field[]::new);
    this.defaulted = defaulted;
  }

  /**
   * The mapping of a header to a schema's fields.
   *
   * @return the mapping, or what is wrong with the header (every problem, for one clear message)
   */
  static Mapping of(Schema schema, List<String> header) {
    List<String> problems = new ArrayList<>(schemaProblems(schema));
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      if (!seen.add(column)) {
        problems.add("column '" + column + "' appears twice");
      } else if (schema.getField(column) == null) {
        problems.add("column '" + column + "' is not a field of " + schema.getName());
      }
    }
    List<Schema.Field> defaulted = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!seen.contains(field.name())) {
        if (field.hasDefaultValue()) {
          defaulted.add(field);
        } else {
          problems.add("column '" + field.name() + "' is missing");
        }
      }
    }
    return problems.isEmpty()
        ? new Mapping(Optional.of(new CsvColumns(schema, header, defaulted)), List.of())
        : new Mapping(Optional.empty(), problems);
  }

  /**
   * A header's mapping, or why there is none.
   *
   * @param columns present when the header fits
   * @param problems what is wrong, empty when it fits
   */
  record Mapping(Optional<CsvColumns> columns, List<String> problems) {}

  /** Fields a CSV value cannot hold: arrays, maps, records, bytes, and unions beyond [null, T]. */
  static List<String> schemaProblems(Schema schema) {
    List<String> problems = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      // A union other than [null, T] stays a union here, which is not a scalar.
      boolean scalar =
          switch (nonNull(field.schema()).getType()) {
            case STRING, BOOLEAN, INT, LONG, FLOAT, DOUBLE, ENUM -> true;
            default -> false;
          };
      if (!scalar) {
        problems.add(
            "field '"
                + field.name()
                + "' is of type "
                + field.schema()
                + ", which a CSV value cannot hold");
      }
    }
    return problems;
  }

  /** The header this mapping was made for. */
  List<String> header() {
    return header;
  }

  /**
   * A row's values as a record.
   *
   * @param values the row's values, one per header column
   * @throws IllegalArgumentException naming the column and what is wrong with its value
   */
  GenericRecord toRecord(List<String> values) {
    if (values.size() != fieldOfColumn.length) {
      throw new IllegalArgumentException(
          "expected " + fieldOfColumn.length + " values, got " + values.size());
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < fieldOfColumn.length; i++) {
      Schema.Field field = fieldOfColumn[i];
      try {
        record.put(field.pos(), value(values.get(i), field.schema()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + field.name() + "': " + e.getMessage(), e);
      }
    }
    for (Schema.Field field : defaulted) {
      record.put(
          field.pos(),
          GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field)));
    }
    return record;
  }

  /** One value as a datum of the field's schema. */
  static Object value(String text, Schema fieldSchema) {
    Schema type = nonNull(fieldSchema);
    boolean nullable = type != fieldSchema;
    if (text.isEmpty()) {
      if (nullable) {
        return null;
      }
      if (type.getType() == Schema.Type.STRING) {
        return "";
      }
      throw new IllegalArgumentException("the value is missing");
    }
    String trimmed = text.trim();
    LogicalType logical = type.getLogicalType();
    switch (type.getType()) {
      case STRING:
        return text;
      case BOOLEAN:
        return bool(trimmed);
      case INT:
        return logical instanceof LogicalTypes.Date ? date(trimmed) : number(trimmed, "integer");
      case LONG:
        return logical instanceof LogicalTypes.TimestampMillis
                || logical instanceof LogicalTypes.TimestampMicros
            ? timestamp(trimmed, logical)
            : number(trimmed, "long");
      case FLOAT:
        return (float) decimal(trimmed);
      case DOUBLE:
        return decimal(trimmed);
      case ENUM:
        if (!type.hasEnumSymbol(trimmed)) {
          throw new IllegalArgumentException(
              "expected one of " + type.getEnumSymbols() + ", got " + quoted(text));
        }
        return new GenericData.EnumSymbol(type, trimmed);
      default:
        throw new IllegalArgumentException("a CSV value cannot hold a " + type.getType());
    }
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> types = schema.getTypes();
    if (types.size() != 2) {
      return schema;
    }
    boolean firstNull = types.get(0).getType() == Schema.Type.NULL;
    boolean secondNull = types.get(1).getType() == Schema.Type.NULL;
    return firstNull == secondNull ? schema : types.get(firstNull ? 1 : 0);
  }

  /** Whether the text is only digits and minus signs: epoch time, not an ISO-8601 instant. */
  private static boolean isWholeNumber(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '-' && !Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean bool(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return lower.equals("true");
    }
    throw new IllegalArgumentException("expected true or false, got " + quoted(text));
  }

  private static Object number(String text, String kind) {
    try {
      return kind.equals("integer")
          ? (Object) Integer.parseInt(text)
          : (Object) Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + article(kind) + ", got " + quoted(text));
    }
  }

  private static double decimal(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got " + quoted(text));
    }
  }

  private static int date(String text) {
    try {
      return Math.toIntExact(LocalDate.parse(text).toEpochDay());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 date such as 2026-01-31, got " + quoted(text));
    }
  }

  private static long timestamp(String text, LogicalType logical) {
    boolean millis = logical instanceof LogicalTypes.TimestampMillis;
    if (isWholeNumber(text)) {
      return (long) number(text, "long");
    }
    try {
      Instant instant = IsoInstants.parse(text);
      return millis
          ? instant.toEpochMilli()
          : Math.addExact(
              Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 timestamp such as 2026-01-31T12:00:00Z or epoch "
              + (millis ? "milliseconds" : "microseconds")
              + ", got "
              + quoted(text));
    }
  }

  private static String article(String kind) {
    return kind.equals("integer") ? "an integer" : "a whole number";
  }

  private static String quoted(String text) {
    return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
  }
}
