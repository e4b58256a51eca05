package io.pipeline.orchestrator.console;

import io.pipeline.common.config.NamedSecrets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may sign in to the console: names and their {@link Password}s. Its text form is a
 * comma-separated list of {@code NAME:PASSWORD} entries, where the password is a PBKDF2 hash
 * ({@code pbkdf2-sha256:...}, see {@link Password}) or the password itself. Neither its errors nor
 * its {@link #toString} show a password.
 */
public final class ConsoleUsers {

  /** The name of the documented local user. */
  public static final String LOCAL_NAME = "pipeline";

  /** The password of the documented local user: public, so it proves nothing. */
  public static final String LOCAL_PASSWORD = "pipeline-secret";

  /** The documented local user, in the text form. */
  public static final String LOCAL = LOCAL_NAME + ":" + LOCAL_PASSWORD;

  private static final NamedSecrets.Form FORM =
      new NamedSecrets.Form(
          "NAME:PASSWORD",
          "name",
          "name",
          "password",
          "user",
          Pattern.compile("[A-Za-z0-9_.@-]{1,64}"),
          "1 to 64 letters, digits and _.@- characters");

  private final Map<String, Password> passwords;
  private final Password unknown;

  private ConsoleUsers(Map<String, Password> passwords) {
    this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    // An unknown name is checked against one of the configured passwords, so that it takes as
    // long as a known name with a wrong password and answers which names exist to no one.
    this.unknown = passwords.values().iterator().next();
  }

  /**
   * Reads {@code NAME:PASSWORD} entries separated by commas. A name is 1 to 64 letters, digits and
   * {@code _.@-}; a password is any text without a comma and without spaces around it.
   *
   * @throws IllegalArgumentException saying which entry is wrong, never quoting a password
   */
  public static ConsoleUsers parse(String text) {
    Map<String, Password> passwords = new LinkedHashMap<>();
    int entry = 0;
    for (Map.Entry<String, String> user : NamedSecrets.parse(text, FORM).entrySet()) {
      entry++;
      try {
        passwords.put(user.getKey(), Password.parse(user.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + entry + ": " + e.getMessage(), e);
      }
    }
    return new ConsoleUsers(passwords);
  }

  /**
   * Checks a name and password.
   *
   * @return the name, when it is a user's and the password is theirs
   */
  public Optional<String> signIn(String name, String password) {
    Password expected = passwords.get(name);
    boolean matches = (expected == null ? unknown : expected).matches(password);
    return expected != null && matches ? Optional.of(name) : Optional.empty();
  }

  /** Whether a name is a user's: a session of a user since removed is no longer valid. */
  public boolean exists(String name) {
    return passwords.containsKey(name);
  }

  /** Whether the documented local user is among these: then anyone can sign in. */
  public boolean includesLocalUser() {
    return Optional.ofNullable(passwords.get(LOCAL_NAME))
        .map(password -> password.matches(LOCAL_PASSWORD))
        .orElse(false);
  }

  /** The names, never the passwords. */
  @Override
  public String toString() {
    return "ConsoleUsers" + passwords.keySet();
  }
}
