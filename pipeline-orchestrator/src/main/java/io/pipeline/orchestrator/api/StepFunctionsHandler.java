package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step Functions' JSON 1.0 protocol ({@code POST /}, {@code X-Amz-Target:
 * AWSStepFunctions.<Action>}), so that the AWS SDKs and CLI work against the orchestrator. Errors
 * are answered as AWS does: status 400 and {@code {"__type": "<ErrorName>", "message": ...}} (see
 * {@link ApiExchange}). Work that waits for Kafka runs on the actions' executor, never on Jetty's
 * threads.
 *
 * <p>Every request must be signed (SigV4) with a configured access key: {@link SigV4Verifier}
 * checks it on the received bytes before anything else reads them; then {@link
 * StepFunctionsActions} runs the action. Past a configured rate, an action is refused with {@code
 * ThrottlingException} ({@link ApiRateLimits}).
 *
 * <p>The same port serves the other instances' internal requests ({@code POST
 * /internal/v1/<Action>}, signed with the shared peer key, see {@link Peers}): reads of the
 * partitions this instance serves.
 */
public final class StepFunctionsHandler extends Handler.Abstract {

  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** Internal requests are queries: small. */
  private static final int MAX_PEER_BODY = 64 * 1024;

  private final StepFunctionsActions actions;
  private final SigV4Verifier signatures;

  /**
   * @param actions what requests run
   * @param signatures checks the SigV4 signatures of requests
   */
  public StepFunctionsHandler(StepFunctionsActions actions, SigV4Verifier signatures) {
    this.actions = actions;
    this.signatures = signatures;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      ApiExchange.sendError(
          response, callback, CONTENT_TYPE, 405, "UnknownOperationException", "Use POST");
      return true;
    }
    String path = Request.getPathInContext(request);
    if (path.startsWith(Peers.PATH)) {
      String action = path.substring(Peers.PATH.length());
      ApiExchange.respond(
          action,
          response,
          callback,
          CONTENT_TYPE,
          ApiExchange.body(request, MAX_PEER_BODY)
              .thenApplyAsync(body -> answerPeer(action, request, body), actions.executor()));
      return true;
    }
    String target = Optional.ofNullable(request.getHeaders().get("X-Amz-Target")).orElse("");
    if (!target.startsWith(TARGET_PREFIX)) {
      ApiExchange.sendError(
          response,
          callback,
          CONTENT_TYPE,
          400,
          "UnknownOperationException",
          "X-Amz-Target must be AWSStepFunctions.<Action>");
      return true;
    }
    String action = target.substring(TARGET_PREFIX.length());
    ApiExchange.respond(
        action,
        response,
        callback,
        CONTENT_TYPE,
        ApiExchange.body(request, ApiExchange.MAX_BODY)
            .thenComposeAsync(
                body -> {
                  signatures.verify(received(request, body));
                  return actions.answer(action, body);
                },
                actions.executor()));
    return true;
  }

  private static SigV4Verifier.Received received(Request request, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
    }
    return new SigV4Verifier.Received(
        request.getMethod(),
        request.getHttpURI().getPath(),
        Optional.ofNullable(request.getHttpURI().getQuery()),
        headers,
        body);
  }

  private JsonNode answerPeer(String action, Request request, byte[] body) {
    int partition =
        actions
            .peerSignatures()
            .verify(
                action,
                request.getHeaders().get(PeerSignatures.PARTITION),
                request.getHeaders().get(PeerSignatures.DATE),
                request.getHeaders().get(PeerSignatures.SIGNATURE),
                body);
    return actions.answerPeer(action, partition, body);
  }
}
