package io.pipeline.orchestrator.console;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Console sessions in their cookie: {@value #COOKIE}, HttpOnly (no script reads it), SameSite
 * Strict (no other site's page sends it), Secure over HTTPS, for {@code /console} only. It holds a
 * {@link SessionTokens} token; a session counts while its token is valid and its user is still
 * configured.
 */
final class Sessions {

  /** The cookie's name. */
  static final String COOKIE = "pipeline_console_session";

  private static final String PATH = "/console";

  private final ConsoleUsers users;
  private final SessionTokens tokens;

  Sessions(ConsoleUsers users, SessionTokens tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  /** The session of a request, if its cookie holds a valid one. */
  Optional<Session> of(Request request) {
    return Request.getCookies(request).stream()
        .filter(cookie -> COOKIE.equals(cookie.getName()))
        .map(cookie -> tokens.verify(cookie.getValue()))
        .flatMap(Optional::stream)
        .filter(session -> users.exists(session.user()))
        .findFirst();
  }

  /**
   * Checks a name and password and, when they are a user's, starts a session: its cookie is set on
   * the response. Slow on purpose for hashed passwords: call it off the server's threads.
   */
  Optional<Session> signIn(String name, String password, Request request, Response response) {
    return users
        .signIn(name, password)
        .map(
            user -> {
              SessionTokens.Issued issued = tokens.issue(user);
              Response.addCookie(response, cookie(request, issued.token(), tokens.lifetime()));
              return issued.session();
            });
  }

  /** Ends the browser's session: its cookie is cleared. */
  void signOut(Request request, Response response) {
    Response.addCookie(response, cookie(request, "", Duration.ZERO));
  }

  private static HttpCookie cookie(Request request, String value, Duration maxAge) {
    return HttpCookie.build(COOKIE, value)
        .path(PATH)
        .httpOnly(true)
        .sameSite(HttpCookie.SameSite.STRICT)
        .secure(request.isSecure())
        .maxAge(maxAge.toSeconds())
        .build();
  }
}
