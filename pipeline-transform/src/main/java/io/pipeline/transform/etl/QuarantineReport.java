package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The report of the rows a load refused, one JSON line each ({@code row}, {@code line}, {@code
 * reason}, {@code text}: the row as read, cut to a preview), streamed to S3. Started by the first
 * bad row; a load without one deletes the report an earlier load of the key may have left.
 */
final class QuarantineReport implements AutoCloseable {

  /** S3's smallest part: the report is usually small, so it holds little memory. */
  private static final int PART_BYTES = 5 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private S3Upload upload;
  private long rows;

  QuarantineReport(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  void add(Row.Bad row) {
    if (upload == null) {
      upload = new S3Upload(s3, bucket, key, "application/x-ndjson", PART_BYTES);
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("row", row.number());
    line.put("line", row.line());
    line.put("reason", row.problem());
    line.put("text", row.text());
    try {
      upload.write(JSON.writeValueAsBytes(line));
      upload.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows++;
  }

  /** The rows reported so far. */
  long rows() {
    return rows;
  }

  /** Writes the report, or deletes an earlier one when there was no bad row. */
  void complete() {
    if (upload == null) {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } else {
      upload.complete();
    }
  }

  @Override
  public void close() {
    if (upload != null) {
      upload.close();
    }
  }
}
