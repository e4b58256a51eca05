package io.pipeline.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}: 200 {@code {"status": "UP", "parts": {...}}} when every part of the service
 * runs, 503 with {@code "DOWN"} and the parts that do not otherwise.
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {

  private final Supplier<Map<String, Boolean>> parts;

  /**
   * @param parts each part's name and whether it runs
   */
  HealthHandler(Supplier<Map<String, Boolean>> parts) {
    this.parts = parts;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ObjectNode body = JsonResponses.JSON.createObjectNode();
    ObjectNode list = JsonResponses.JSON.createObjectNode();
    boolean up = true;
    for (Map.Entry<String, Boolean> part : parts.get().entrySet()) {
      list.put(part.getKey(), part.getValue() ? "UP" : "DOWN");
      up &= part.getValue();
    }
    body.put("status", up ? "UP" : "DOWN");
    body.set("parts", list);
    JsonResponses.send(response, callback, up ? 200 : 503, body);
    return true;
  }
}
