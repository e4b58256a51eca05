package io.pipeline.orchestrator.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Reads how many GetActivityTask polls of an activity wait, from the orchestrator's /metrics. */
final class ActivityPollMeter {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SERIES = "pipeline_orchestrator_activity_polls_waiting{";

  private ActivityPollMeter() {}

  /** The waiting polls of the activity; empty while no instance reads the activity's tasks. */
  static Optional<Integer> waiting(URI api, String activity) {
    String metrics;
    try {
      metrics =
          HTTP.send(
                  HttpRequest.newBuilder(api.resolve("/metrics")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return metrics
        .lines()
        .filter(line -> line.startsWith(SERIES) && line.contains("activity=\"" + activity + "\""))
        .map(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
