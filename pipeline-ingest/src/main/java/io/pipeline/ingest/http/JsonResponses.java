package io.pipeline.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers; errors have Confluent REST Proxy's shape {@code error_code, message}. */
final class JsonResponses {

  static final ObjectMapper JSON = new ObjectMapper();

  private JsonResponses() {}

  /** An error body: {@code {"error_code": status, "message": message}}. */
  static ObjectNode error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error_code", status);
    body.put("message", message);
    return body;
  }

  /** Sends an error answer and completes the callback. */
  static void sendError(Response response, Callback callback, int status, String message) {
    send(response, callback, status, error(status, message));
  }

  /** Sends a JSON answer and completes the callback. */
  static void send(Response response, Callback callback, int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
