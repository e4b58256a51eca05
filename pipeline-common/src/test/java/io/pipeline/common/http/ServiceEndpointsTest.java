package io.pipeline.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.pipeline.common.metrics.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

  private final ServiceMetrics metrics = new ServiceMetrics();
  private final Map<String, PartHealth> parts = new TreeMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("localhost");
    server.addConnector(connector);
    Handler api =
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(299);
            callback.succeeded();
            return true;
          }
        };
    server.setHandler(
        new Handler.Sequence(new ServiceEndpoints(metrics.registry(), () -> parts), api));
    server.start();
    uri = URI.create("http://localhost:" + connector.getLocalPort());
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    metrics.close();
  }

  @Test
  void shouldServeTheServiceMetersAndTheJvmsInPrometheusFormat() throws Exception {
    Counter.builder("pipeline.test.things").register(metrics.registry()).increment(2);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    assertThat(response.body().lines())
        .contains("pipeline_test_things_total 2.0")
        .anySatisfy(l -> assertThat(l).startsWith("jvm_memory_used_bytes{"))
        .anySatisfy(l -> assertThat(l).startsWith("jvm_gc_"))
        .anySatisfy(l -> assertThat(l).startsWith("jvm_threads_live_threads "))
        .anySatisfy(l -> assertThat(l).startsWith("system_cpu_count "));
  }

  @Test
  void shouldAnswer200WhenEveryPartIsUpAnd503WhenOneIsDownNamingEachPartsState() throws Exception {
    parts.put("bridge", PartHealth.of(true));
    parts.put("runtime", new PartHealth(PartHealth.Status.UP, "RUNNING"));
    HttpResponse<String> up = get("/health");

    parts.put("runtime", new PartHealth(PartHealth.Status.DOWN, "PENDING_SHUTDOWN"));
    HttpResponse<String> down = get("/health");

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(up.body())
        .isEqualTo("{\"status\":\"UP\",\"parts\":{\"bridge\":\"UP\",\"runtime\":\"RUNNING\"}}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body())
        .isEqualTo(
            "{\"status\":\"DOWN\",\"parts\":{\"bridge\":\"UP\",\"runtime\":\"PENDING_SHUTDOWN\"}}");
  }

  @Test
  void shouldAnswer405WhenTheMethodIsNotGet() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri.resolve("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void shouldLeaveEveryOtherPathToTheNextHandler() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(299);
    assertThat(get("/metrics/more").statusCode()).isEqualTo(299);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
