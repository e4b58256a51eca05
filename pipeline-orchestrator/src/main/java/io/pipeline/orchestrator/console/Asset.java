package io.pipeline.orchestrator.console;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One file of the console, held in memory with what its answer says about it.
 *
 * @param bytes its content
 * @param gzipped its content gzipped, when that is smaller
 * @param contentType its media type
 * @param cacheControl how long browsers may keep it
 * @param etag its entity tag: a digest of the content, quoted
 */
record Asset(
    byte[] bytes, Optional<byte[]> gzipped, String contentType, String cacheControl, String etag) {

  /**
   * Answers a GET or HEAD request with this file: 304 when the browser holds this version, the
   * gzipped content when the browser takes it.
   */
  void write(Request request, Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
    response.getHeaders().put(HttpHeader.ETAG, etag);
    response.getHeaders().put(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());
    if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      callback.succeeded();
      return;
    }
    String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
    boolean gzip = gzipped.isPresent() && accepted != null && accepted.contains("gzip");
    byte[] content = gzip ? gzipped.get() : bytes;
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    if (gzip) {
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(content), callback);
  }
}
