package io.pipeline.ingest.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/** Reads a request body without blocking, up to a limit. */
final class BodyReader implements Runnable {

  /** The body is longer than the limit. */
  static final class TooLargeException extends RuntimeException {
    TooLargeException(int limit) {
      super("request body over " + limit + " bytes");
    }
  }

  private final Content.Source source;
  private final int limit;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();

  private BodyReader(Content.Source source, int limit) {
    this.source = source;
    this.limit = limit;
  }

  /**
   * The whole body; fails with {@link TooLargeException} as soon as more than {@code limit} bytes
   * arrived.
   */
  static CompletableFuture<byte[]> read(Content.Source source, int limit) {
    BodyReader reader = new BodyReader(source, limit);
    reader.run();
    return reader.result;
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        result.completeExceptionally(chunk.getFailure());
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      if (body.size() + buffer.remaining() > limit) {
        chunk.release();
        TooLargeException tooLarge = new TooLargeException(limit);
        source.fail(tooLarge);
        result.completeExceptionally(tooLarge);
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      body.write(bytes, 0, bytes.length);
      chunk.release();
      if (chunk.isLast()) {
        result.complete(body.toByteArray());
        return;
      }
    }
  }
}
