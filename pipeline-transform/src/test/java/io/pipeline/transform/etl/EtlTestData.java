package io.pipeline.transform.etl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;

/** The example's files, shared by the tests. */
final class EtlTestData {

  static final Path EXAMPLE = Path.of("../examples/s3-batch-etl");
  static final Path ORDERS_SCHEMA = EXAMPLE.resolve("orders.avsc");

  private EtlTestData() {}

  static Schema orders() {
    try {
      return new Schema.Parser().parse(ORDERS_SCHEMA.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] example(String file) {
    try {
      return Files.readAllBytes(EXAMPLE.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
