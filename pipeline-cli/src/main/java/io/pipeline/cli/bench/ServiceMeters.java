package io.pipeline.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads counters from a service's {@code GET /metrics} (Prometheus' text format). */
final class ServiceMeters {

  private final URI metrics;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The meters the service at {@code base} serves at {@code /metrics}. */
  ServiceMeters(URI base) {
    this.metrics = base.resolve("/metrics");
  }

  /** The counter's value with these tags, 0 while it does not exist. */
  double counter(String name, Map<String, String> tags) throws IOException, InterruptedException {
    String text =
        http.send(
                HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    return value(text, name, tags);
  }

  /** The value of the sample of {@code name} whose labels include {@code tags}, 0 when none. */
  static double value(String text, String name, Map<String, String> tags) {
    for (String line : text.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      String labels = line.substring(name.length(), line.lastIndexOf('}') + 1);
      boolean matches =
          tags.entrySet().stream()
              .allMatch(tag -> labels.contains(tag.getKey() + "=\"" + tag.getValue() + "\""));
      if (matches) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
