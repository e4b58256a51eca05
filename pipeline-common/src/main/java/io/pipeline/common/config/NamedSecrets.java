package io.pipeline.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads settings that list named secrets, {@code NAME:SECRET} entries separated by commas (the
 * API's access keys, the console's users): each name matches a pattern and appears once; a secret
 * is any text without a comma and without spaces around it. Errors say which entry is wrong and
 * never quote a secret.
 */
public final class NamedSecrets {

  /**
   * What the entries are called in errors, and which names are allowed.
   *
   * @param entry the form of an entry, e.g. {@code ACCESS_KEY_ID:SECRET}
   * @param name what a name is called, e.g. {@code access key id}
   * @param shortName the same, in a word, e.g. {@code id}
   * @param secret what a secret is called, e.g. {@code secret}
   * @param holder what owns an entry, in the error for a name listed twice, e.g. {@code user}
   * @param allowed the names allowed
   * @param allowedText the names allowed, in words, e.g. {@code 1 to 64 letters, digits and _.@-
   *     characters}
   */
  public record Form(
      String entry,
      String name,
      String shortName,
      String secret,
      String holder,
      Pattern allowed,
      String allowedText) {}

  private NamedSecrets() {}

  /**
   * The entries, by name, in the order written.
   *
   * @throws IllegalArgumentException saying which entry is wrong
   */
  public static Map<String, String> parse(String text, Form form) {
    Map<String, String> secrets = new LinkedHashMap<>();
    String[] entries = text.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      if (colon < 1 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "entry %d is not %s (a non-empty %s and %s)"
                .formatted(i + 1, form.entry(), form.shortName(), form.secret()));
      }
      String name = entry.substring(0, colon);
      if (!form.allowed().matcher(name).matches()) {
        throw new IllegalArgumentException(
            "the %s of entry %d must be %s".formatted(form.name(), i + 1, form.allowedText()));
      }
      if (secrets.put(name, entry.substring(colon + 1).trim()) != null) {
        throw new IllegalArgumentException(
            "%s '%s' is listed twice".formatted(form.holder(), name));
      }
    }
    return secrets;
  }
}
