package io.pipeline.ingest.s3.notify;

import io.pipeline.schemas.s3.S3EventSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the webhook notifications of an S3-compatible store (MinIO's format: {@code EventName},
 * {@code Key} and S3's {@code Records}) and writes each record as a raw {@code S3Notification}.
 *
 * <p>It answers 200 only after Kafka acknowledged every record, and 503 when Kafka did not, so a
 * store that queues undelivered events (MinIO's {@code queue_dir}) sends them again; a repeated
 * event is removed by the deduplication step. A body that is no S3 notification is answered 400
 * with the reason, after it was written to the dead-letter topic. Asynchronous: no thread waits for
 * Kafka.
 *
 * <p>Mount it at {@code /s3/webhook} of the ingest HTTP server (e.g. in a {@code ContextHandler} or
 * a {@code PathMappingsHandler}); it answers every request it is given.
 */
public final class S3WebhookHandler extends Handler.Abstract {

  /** Where the ingest HTTP server mounts the handler. */
  public static final String PATH = "/s3/webhook";

  /** The largest body accepted; MinIO posts one event per request. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(S3WebhookHandler.class);

  private final NotificationPublisher publisher;
  private final Optional<byte[]> expectedAuthorization;

  /**
   * @param publisher where the records go; the handler does not close it
   * @param bearerToken the token requests must carry as {@code Authorization: Bearer <token>};
   *     empty accepts any request
   */
  public S3WebhookHandler(NotificationPublisher publisher, Optional<String> bearerToken) {
    this.publisher = publisher;
    this.expectedAuthorization =
        bearerToken.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      answer(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST notifications here");
      return true;
    }
    if (!authorized(request)) {
      answer(response, callback, HttpStatus.UNAUTHORIZED_401, "missing or wrong bearer token");
      return true;
    }
    String requestId = UUID.randomUUID().toString();
    if (request.getLength() > MAX_BODY_BYTES) {
      answer(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge());
      return true;
    }
    Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES)
        .handle(
            (body, failure) ->
                failure == null
                    ? accept(requestId, request, body)
                    : CompletableFuture.completedFuture(
                        new Answer(
                            HttpStatus.BAD_REQUEST_400,
                            "cannot read the body (" + tooLarge() + "): " + failure.getMessage())))
        .thenCompose(answer -> answer)
        .whenComplete(
            (answer, failure) -> {
              if (failure == null) {
                answer(response, callback, answer.status(), answer.message());
              } else {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                log.warn(
                    "Webhook notification {} not written to Kafka: {}",
                    requestId,
                    cause.toString());
                answer(
                    response,
                    callback,
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    "not written to Kafka, send it again: " + cause.getMessage());
              }
            });
    return true;
  }

  private record Answer(int status, String message) {}

  private static String tooLarge() {
    return "at most " + MAX_BODY_BYTES + " bytes per request";
  }

  private CompletableFuture<Answer> accept(String requestId, Request request, byte[] body) {
    NotificationJson.Message content = NotificationJson.parseMessage(body);
    if (content instanceof NotificationJson.Events events) {
      return publisher
          .publish(S3EventSource.WEBHOOK, requestId, events.records())
          .thenApply(done -> new Answer(HttpStatus.OK_200, "accepted " + events.records().size()));
    }
    if (content instanceof NotificationJson.Malformed malformed) {
      log.warn("Webhook request {} is no S3 notification: {}", requestId, malformed.reason());
      Map<String, String> attributes =
          Map.of(
              "RequestId",
              requestId,
              "RemoteAddress",
              String.valueOf(Request.getRemoteAddr(request)));
      return publisher
          .deadLetter(S3EventSource.WEBHOOK, requestId, PATH, malformed.reason(), body, attributes)
          .thenApply(
              done ->
                  new Answer(
                      HttpStatus.BAD_REQUEST_400,
                      "not an S3 event notification: " + malformed.reason()));
    }
    return CompletableFuture.completedFuture(new Answer(HttpStatus.OK_200, "test event ignored"));
  }

  private boolean authorized(Request request) {
    if (expectedAuthorization.isEmpty()) {
      return true;
    }
    String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    return given != null
        && MessageDigest.isEqual(
            expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, message + "\n", callback);
  }
}
