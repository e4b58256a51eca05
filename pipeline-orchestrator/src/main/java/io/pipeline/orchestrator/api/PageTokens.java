package io.pipeline.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The {@code nextToken}s of the paged actions: a kind (which listing, which order) and the position
 * the next page starts after, as URL-safe Base64 text. They are not secrets; a token of another
 * kind, or one that does not read, is {@code InvalidToken}.
 */
final class PageTokens {

  private PageTokens() {}

  static String write(String kind, String... position) {
    String text = kind + "\n" + String.join("\n", position);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position in a token of this kind.
   *
   * @param parts how many parts the position has
   * @param otherKind what to say when the token is of another kind, e.g. "a page in the other
   *     order"
   */
  static List<String> read(String token, String kind, int parts, String otherKind) {
    String[] read;
    try {
      read =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    if (read.length != parts + 1) {
      throw invalid(token);
    }
    if (!read[0].equals(kind)) {
      throw new ApiException("InvalidToken", "Invalid Token: the nextToken is of " + otherKind);
    }
    return Arrays.asList(read).subList(1, read.length);
  }

  /** A token whose position does not read. */
  static ApiException invalid(String token) {
    return new ApiException("InvalidToken", "Invalid Token: '" + token + "' is not a nextToken");
  }
}
