package io.pipeline.orchestrator.console;

import io.pipeline.orchestrator.api.ApiExchange;
import io.pipeline.orchestrator.api.StepFunctionsActions;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /console/api/<Action>}: a Step Functions action for a signed-in console user, with
 * the same actions, rate limits, answers and errors as the SigV4-signed API, so that the browser
 * needs no access key; and the console's own actions ({@link ConsoleActions}), which that API does
 * not answer.
 */
final class ConsoleApiBridge {

  static final String PATH = "api/";

  private final Sessions sessions;
  private final StepFunctionsActions actions;
  private final ConsoleActions consoleActions;

  ConsoleApiBridge(Sessions sessions, StepFunctionsActions actions, ConsoleActions consoleActions) {
    this.sessions = sessions;
    this.actions = actions;
    this.consoleActions = consoleActions;
  }

  void handle(String action, Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.POST.asString());
      ConsoleHandler.sendError(response, callback, 405, "UnknownOperationException", "Use POST");
      return;
    }
    if (sessions.of(request).isEmpty()) {
      SessionEndpoint.notSignedIn(response, callback);
      return;
    }
    ApiExchange.respond(
        action,
        response,
        callback,
        ConsoleHandler.JSON_TYPE,
        ApiExchange.body(request, ApiExchange.MAX_BODY)
            .thenComposeAsync(
                body ->
                    consoleActions
                        .answer(action, body)
                        .orElseGet(() -> actions.answer(action, body)),
                actions.executor()));
  }
}
