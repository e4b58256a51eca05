package io.pipeline.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The build step that keeps schemas evolvable: every current schema must be able to read records
 * written with each of its released versions (backward compatibility, transitively), so that
 * consumers upgraded first still read what older producers wrote and what topics already hold.
 *
 * <p>Released versions live in one folder per record full name: {@code <released>/<full
 * name>/v1.avsc}, {@code v2.avsc}... A released schema whose record no longer exists is an error
 * too: a type is never removed while its records may be on a topic.
 */
public final class CompatibilityCheck {

  private CompatibilityCheck() {}

  /**
   * One incompatibility.
   *
   * @param fullName the record whose current schema cannot read the release
   * @param releasedFile the released version it cannot read
   * @param detail what is incompatible, and where in the schema
   */
  public record Problem(String fullName, Path releasedFile, String detail) {
    @Override
    public String toString() {
      return fullName + " cannot read records written with " + releasedFile + ": " + detail;
    }
  }

  /**
   * Checks the current schemas against the released ones.
   *
   * @param currentDir folder of the current {@code .avsc} files (searched recursively)
   * @param releasedDir folder of released versions, one sub-folder per record full name
   * @return every problem found; empty when all is compatible
   */
  public static List<Problem> check(Path currentDir, Path releasedDir) {
    Map<String, Schema> current = currentSchemas(currentDir);
    List<Problem> problems = new ArrayList<>();
    if (!Files.isDirectory(releasedDir)) {
      return problems;
    }
    for (Path folder : list(releasedDir)) {
      String fullName = folder.getFileName().toString();
      for (Path released : list(folder)) {
        Schema writer = parse(released);
        Schema reader = current.get(fullName);
        if (reader == null) {
          problems.add(new Problem(fullName, released, "no current schema has this name any more"));
          continue;
        }
        SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
          result
              .getResult()
              .getIncompatibilities()
              .forEach(
                  i ->
                      problems.add(
                          new Problem(
                              fullName,
                              released,
                              i.getType() + " at " + i.getLocation() + ": " + i.getMessage())));
        }
      }
    }
    return problems;
  }

  /**
   * Runs the check from the build.
   *
   * @param args the current schemas folder and the released schemas folder
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: CompatibilityCheck <current schemas folder> <released schemas folder>");
    }
    List<Problem> problems = check(Path.of(args[0]), Path.of(args[1]));
    if (!problems.isEmpty()) {
      StringBuilder message =
          new StringBuilder("Avro schemas are not backward compatible with their releases:");
      problems.forEach(p -> message.append(System.lineSeparator()).append("  - ").append(p));
      message
          .append(System.lineSeparator())
          .append(
              "Give new fields a default, keep removed fields' defaults, and never change a"
                  + " field's type incompatibly.");
      throw new IllegalStateException(message.toString());
    }
  }

  private static Map<String, Schema> currentSchemas(Path dir) {
    Map<String, Schema> byName = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(f -> f.toString().endsWith(".avsc"))
          .forEach(
              f -> {
                Schema schema = parse(f);
                namedRecords(schema, byName);
              });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the schemas in " + dir, e);
    }
    return byName;
  }

  /**
   * A schema's record and the records defined inside it, by full name: a record once written alone
   * may live on as a field's type of another.
   */
  private static void namedRecords(Schema schema, Map<String, Schema> byName) {
    switch (schema.getType()) {
      case RECORD -> {
        if (byName.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(field -> namedRecords(field.schema(), byName));
        }
      }
      case ARRAY -> namedRecords(schema.getElementType(), byName);
      case MAP -> namedRecords(schema.getValueType(), byName);
      case UNION -> schema.getTypes().forEach(type -> namedRecords(type, byName));
      default -> {}
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schema " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid Avro schema in " + file + ": " + e.getMessage(), e);
    }
  }
}
