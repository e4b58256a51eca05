package io.pipeline.ingest.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Any path nothing else serves: 404 in JSON, naming the paths there are. */
final class NotFoundHandler extends Handler.Abstract.NonBlocking {

  private final String known;

  NotFoundHandler(String known) {
    this.known = known;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    JsonResponses.sendError(
        response,
        callback,
        404,
        "no such path: " + request.getHttpURI().getCanonicalPath() + " (paths: " + known + ")");
    return true;
  }
}
