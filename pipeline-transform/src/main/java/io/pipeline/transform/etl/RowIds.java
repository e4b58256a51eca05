package io.pipeline.transform.etl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic row ids: the first 128 bits, in hex, of SHA-256 over the object's bucket and key,
 * the row's number and the row's content as read (each length-prefixed, so no two different inputs
 * run together). The same object content at the same key always gives the same ids, however often
 * it is loaded or uploaded, whatever its ETag or version id; two equal rows of one file stay two
 * rows. Not thread-safe: one per load.
 */
final class RowIds {

  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256 = sha256();
  private final byte[] object;
  private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
  private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);

  RowIds(String bucket, String key) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    this.object =
        ByteBuffer.allocate(2 * Integer.BYTES + b.length + k.length)
            .putInt(b.length)
            .put(b)
            .putInt(k.length)
            .put(k)
            .array();
  }

  /** The id of row {@code rowNumber} whose content is {@code content}. */
  String id(long rowNumber, byte[] content) {
    sha256.update(object);
    sha256.update(number.clear().putLong(rowNumber).array());
    sha256.update(length.clear().putInt(content.length).array());
    sha256.update(content);
    return HEX.formatHex(sha256.digest(), 0, 16);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
