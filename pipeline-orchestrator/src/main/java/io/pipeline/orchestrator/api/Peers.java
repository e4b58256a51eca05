package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.lifecycle.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the orchestrator to answer a query from the partitions it serves,
 * through its internal endpoint ({@code POST /internal/v1/<Action>}, signed with {@link
 * PeerSignatures}). The answer, or the error the peer gave, comes back as the peer gave it; a peer
 * that does not answer is a {@code ServiceUnavailable} (503), which the AWS SDKs retry: its
 * partitions move to another instance once it is declared gone.
 */
public final class Peers implements AutoCloseable {

  static final String PATH = "/internal/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final PeerSignatures signatures;
  private final ExecutorService executor;
  private final HttpClient http;

  /**
   * @param key the key all instances share (ORCHESTRATOR_PEER_KEY)
   * @param clock dates the requests
   */
  public Peers(byte[] key, Clock clock) {
    this.signatures = new PeerSignatures(key, clock);
    this.executor = Executors.newCachedThreadPool(DaemonThreads.named("peers"));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  PeerSignatures signatures() {
    return signatures;
  }

  /**
   * Asks {@code peer} to answer {@code action} from {@code partition} (or from the partitions the
   * request names, with partition -1).
   */
  CompletableFuture<JsonNode> call(HostInfo peer, String action, int partition, JsonNode request) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://" + peer.host() + ":" + peer.port() + PATH + action))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signatures.sign(action, partition, body).forEach(builder::header);
    return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw new ApiException(
                    "ServiceUnavailable",
                    "The instance at "
                        + peer.host()
                        + ":"
                        + peer.port()
                        + " serving partition "
                        + (partition < 0 ? "s " + request.path("partitions") : partition)
                        + " does not answer ("
                        + failure.getClass().getSimpleName()
                        + "); try again: its partitions move to another instance once it is"
                        + " declared gone",
                    503);
              }
              return answer(peer, response);
            });
  }

  private static JsonNode answer(HostInfo peer, HttpResponse<byte[]> response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ApiException(
          "ServiceException",
          "The instance at " + peer.host() + ":" + peer.port() + " answered with no JSON",
          500);
    }
    if (response.statusCode() == 200) {
      return body;
    }
    throw new ApiException(
        body.path("__type").asText("ServiceException"),
        body.path("message").asText("The instance at " + peer + " failed"),
        response.statusCode());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
