package io.pipeline.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every service serves on its HTTP port besides its own API (Jetty core handler):
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of the registry in Prometheus' text format;
 *   <li>{@code GET /health}: {@code 200 {"status": "UP", "parts": {"<part>": "<state>", ...}}} when
 *       every part is up, {@code 503} with {@code "DOWN"} otherwise.
 * </ul>
 *
 * Other methods on these paths answer 405. Any other path is left to the next handler ({@link
 * #handle} returns false), so this handler goes first in a {@link Handler.Sequence}.
 */
public final class ServiceEndpoints extends Handler.Abstract.NonBlocking {

  /** Where the metrics are. */
  public static final String METRICS = "/metrics";

  /** Where the health is. */
  public static final String HEALTH = "/health";

  /** The paths this handler serves. */
  public static final List<String> PATHS = List.of(METRICS, HEALTH);

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrometheusMeterRegistry registry;
  private final Supplier<Map<String, PartHealth>> parts;

  /**
   * @param registry what {@code /metrics} scrapes
   * @param parts each part's name and health, asked at every {@code /health} request
   */
  public ServiceEndpoints(
      PrometheusMeterRegistry registry, Supplier<Map<String, PartHealth>> parts) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.parts = Objects.requireNonNull(parts, "parts");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (!PATHS.contains(path)) {
      return false;
    }
    if (!HttpMethod.GET.is(request.getMethod())) {
      response.setStatus(405);
      response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
      callback.succeeded();
    } else if (METRICS.equals(path)) {
      send(response, callback, 200, PROMETHEUS_TEXT, registry.scrape());
    } else {
      health(response, callback);
    }
    return true;
  }

  private void health(Response response, Callback callback) throws JsonProcessingException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode list = JSON.createObjectNode();
    boolean up = true;
    for (Map.Entry<String, PartHealth> part : parts.get().entrySet()) {
      list.put(part.getKey(), part.getValue().state());
      up &= part.getValue().isUp();
    }
    PartHealth.Status status = up ? PartHealth.Status.UP : PartHealth.Status.DOWN;
    body.put("status", status.name());
    body.set("parts", list);
    send(response, callback, up ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private static void send(
      Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
