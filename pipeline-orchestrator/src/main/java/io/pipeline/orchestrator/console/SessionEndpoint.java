package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.api.ApiExchange;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console/session}: {@code POST {"name", "password"}} signs in (the session cookie is set,
 * the answer is {@code {"name", "expiresAt"}}; 401 {@code SignInFailedException} otherwise), {@code
 * GET} answers who is signed in (401 {@code NotSignedInException} when nobody is), {@code DELETE}
 * signs out.
 */
final class SessionEndpoint {

  static final String PATH = "session";
  static final String NOT_SIGNED_IN = "NotSignedInException";

  private static final Logger log = LoggerFactory.getLogger(SessionEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4 * 1024;

  private final Sessions sessions;
  private final Executor executor;

  /**
   * @param sessions the sessions
   * @param executor where passwords are checked, off the server's threads
   */
  SessionEndpoint(Sessions sessions, Executor executor) {
    this.sessions = sessions;
    this.executor = executor;
  }

  void handle(Request request, Response response, Callback callback) {
    if (HttpMethod.GET.is(request.getMethod())) {
      Optional<Session> session = sessions.of(request);
      if (session.isPresent()) {
        ConsoleHandler.sendJson(response, callback, 200, describe(session.get()));
      } else {
        notSignedIn(response, callback);
      }
    } else if (HttpMethod.POST.is(request.getMethod())) {
      ApiExchange.body(request, MAX_BODY)
          .thenApplyAsync(body -> signIn(body, request, response), executor)
          .whenComplete(
              (answer, failure) -> {
                if (failure == null) {
                  ConsoleHandler.sendJson(response, callback, answer.status(), answer.body());
                } else {
                  ConsoleHandler.sendError(
                      response, callback, 400, "ValidationException", message(failure));
                }
              });
    } else if (HttpMethod.DELETE.is(request.getMethod())) {
      sessions.signOut(request, response);
      ConsoleHandler.sendJson(response, callback, 200, JSON.createObjectNode());
    } else {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
      ConsoleHandler.sendError(
          response, callback, 405, "UnknownOperationException", "Use GET, POST or DELETE");
    }
  }

  /** Answers a request without a valid session. */
  static void notSignedIn(Response response, Callback callback) {
    ConsoleHandler.sendError(
        response,
        callback,
        401,
        NOT_SIGNED_IN,
        "Sign in to the console first: there is no session, or it expired");
  }

  private record Answer(int status, JsonNode body) {}

  private Answer signIn(byte[] body, Request request, Response response) {
    JsonNode input;
    try {
      input = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The request is not JSON");
    }
    String name = input == null ? "" : input.path("name").asText("");
    String password = input == null ? "" : input.path("password").asText("");
    return sessions
        .signIn(name, password, request, response)
        .map(
            session -> {
              log.info("Console user '{}' signed in", session.user());
              return new Answer(200, describe(session));
            })
        .orElseGet(
            () ->
                new Answer(
                    401, ConsoleHandler.error("SignInFailedException", "Wrong name or password")));
  }

  private static ObjectNode describe(Session session) {
    return JSON.createObjectNode()
        .put("name", session.user())
        .put("expiresAt", session.expiresAt().getEpochSecond());
  }

  private static String message(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause.getMessage();
  }
}
