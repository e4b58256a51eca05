package io.pipeline.transform.etl;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a stream, holding one part in memory: parts go up as they fill (a
 * multipart upload), and an object smaller than one part is put in one request. Nothing is visible
 * under the key until {@link #complete()}; closing without completing aborts the upload. Counts the
 * bytes and their SHA-256. Not thread-safe.
 */
final class S3Upload extends OutputStream {

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final byte[] part;
  private final MessageDigest sha256 = RowIds.sha256();
  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private long bytes;
  private String uploadId;
  private boolean done;

  /**
   * @param partBytes the part size: at least 5 MiB, S3's smallest part but the last
   */
  S3Upload(S3Client s3, String bucket, String key, String contentType, int partBytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
    this.part = new byte[partBytes];
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) {
    if (done) {
      throw new IllegalStateException("s3://" + bucket + "/" + key + " is already written");
    }
    sha256.update(data, offset, length);
    bytes += length;
    int written = 0;
    while (written < length) {
      if (filled == part.length) {
        uploadPart();
      }
      int n = Math.min(length - written, part.length - filled);
      System.arraycopy(data, offset + written, part, filled, n);
      filled += n;
      written += n;
    }
  }

  /** Makes the object visible under its key. */
  void complete() {
    if (done) {
      return;
    }
    if (uploadId == null) {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) filled),
          body());
    } else {
      if (filled > 0) {
        uploadPart();
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }
    done = true;
  }

  /** The bytes written. */
  long bytes() {
    return bytes;
  }

  /** The SHA-256 of the bytes written, in hex; call once, after the last write. */
  String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** Aborts the upload unless it was completed. */
  @Override
  public void close() {
    if (!done && uploadId != null) {
      done = true;
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    }
    done = true;
  }

  private void uploadPart() {
    if (uploadId == null) {
      uploadId =
          s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType))
              .uploadId();
    }
    int number = parts.size() + 1;
    String etag =
        s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number), body())
            .eTag();
    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    filled = 0;
  }

  /** The filled part as a request body, without copying it. */
  private RequestBody body() {
    int length = filled;
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(part, 0, length), length, contentType);
  }
}
