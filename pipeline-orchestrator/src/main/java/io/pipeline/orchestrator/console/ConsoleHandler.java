package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.api.ApiExchange;
import io.pipeline.orchestrator.api.StepFunctionsActions;
import io.pipeline.orchestrator.overview.InstanceMeters;
import io.pipeline.orchestrator.overview.PipelineOverview;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console, under {@code /console} of the API's port (Jetty core handler; any other path is left
 * to the next handler):
 *
 * <ul>
 *   <li>{@code /console} redirects to {@code /console/};
 *   <li>{@code /console/assets/<name>-<hash>.<ext>}: the bundles ({@link ConsoleAssets});
 *   <li>{@code /console/session}: sign in, who is signed in, sign out ({@link SessionEndpoint});
 *   <li>{@code /console/api/<Action>}: Step Functions' actions for a signed-in user, and the
 *       console's own ({@link ConsoleApiBridge});
 *   <li>any other {@code GET /console/...}: the page, which shows the address's view.
 * </ul>
 *
 * <p>Requests that change something ({@code POST}, {@code DELETE}) must carry {@value
 * #CONSOLE_HEADER}{@code : 1}: the console's script sends it, while a form of another site cannot,
 * and a script of another site would need a CORS permission this handler never gives. With the
 * session cookie's SameSite=Strict, that keeps other sites from acting for a signed-in user.
 */
public final class ConsoleHandler extends Handler.Abstract {

  /** The header requests that change something must carry. */
  public static final String CONSOLE_HEADER = "X-Console-Request";

  /** Where the console is. */
  public static final String PATH = "/console";

  static final String JSON_TYPE = "application/json";

  private static final String PREFIX = PATH + "/";
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleAssets assets;
  private final SessionEndpoint session;
  private final ConsoleApiBridge api;

  /**
   * @param config who may sign in, and the sessions' key and lifetime
   * @param assets the console's files
   * @param actions the Step Functions actions the console runs
   * @param overview the pipeline's topics and groups, for the pipeline page
   * @param meters this instance's counts, for the pipeline page
   * @param clock what "now" is for sessions
   */
  public ConsoleHandler(
      ConsoleConfig config,
      ConsoleAssets assets,
      StepFunctionsActions actions,
      PipelineOverview overview,
      InstanceMeters meters,
      Clock clock) {
    Sessions sessions =
        new Sessions(
            config.users(),
            new SessionTokens(config.sessionKey(), config.sessionLifetime(), clock));
    this.assets = assets;
    this.session = new SessionEndpoint(sessions, actions.executor());
    this.api =
        new ConsoleApiBridge(
            sessions, actions, new ConsoleActions(actions.waitingTasks(), overview, meters));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (path.equals(PATH)) {
      Response.sendRedirect(request, response, callback, PREFIX);
      return true;
    }
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    String rest = path.substring(PREFIX.length());
    boolean reads =
        HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    if (!reads && !"1".equals(request.getHeaders().get(CONSOLE_HEADER))) {
      sendError(
          response,
          callback,
          403,
          "AccessDeniedException",
          "Requests that change something must carry the header "
              + CONSOLE_HEADER
              + ": 1, as the console's pages send it");
    } else if (rest.equals(SessionEndpoint.PATH)) {
      session.handle(request, response, callback);
    } else if (rest.startsWith(ConsoleApiBridge.PATH)) {
      api.handle(rest.substring(ConsoleApiBridge.PATH.length()), request, response, callback);
    } else if (!reads) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      sendError(response, callback, 405, "UnknownOperationException", "Use GET");
    } else if (rest.startsWith(ConsoleAssets.ASSETS)) {
      Optional<Asset> asset = assets.asset(rest);
      if (asset.isPresent()) {
        asset.get().write(request, response, callback);
      } else {
        sendError(response, callback, 404, "NotFound", "No console file " + path);
      }
    } else {
      assets.index().write(request, response, callback);
    }
    return true;
  }

  /** Writes a JSON answer. */
  static void sendJson(Response response, Callback callback, int status, JsonNode body) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    ApiExchange.send(response, callback, JSON_TYPE, status, body);
  }

  /** Writes an error as the API does: {@code {"__type", "message"}}. */
  static void sendError(
      Response response, Callback callback, int status, String type, String message) {
    sendJson(response, callback, status, error(type, message));
  }

  /** An error's body. */
  static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }
}
