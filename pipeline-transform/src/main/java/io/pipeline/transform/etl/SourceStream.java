package io.pipeline.transform.etl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The object's bytes as they stream from S3, counted and hashed (SHA-256) on the way. */
final class SourceStream extends FilterInputStream {

  private final MessageDigest sha256 = RowIds.sha256();
  private long bytes;

  SourceStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      sha256.update((byte) b);
      bytes++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      sha256.update(buffer, offset, n);
      bytes += n;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("every byte of the object is hashed");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what is left, so that the hash covers the whole object. */
  void drain() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (read(buffer, 0, buffer.length) >= 0) {
      // counted and hashed by read
    }
  }

  long bytes() {
    return bytes;
  }

  /** The SHA-256 of the bytes read, in hex; call once, after the last read. */
  String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
