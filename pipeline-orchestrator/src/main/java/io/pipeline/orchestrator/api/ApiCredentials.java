package io.pipeline.orchestrator.api;

import io.pipeline.common.config.NamedSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The access keys the Step Functions API accepts: access key ids and their secrets, which clients
 * sign their requests with (SigV4). Its text form is a comma-separated list of {@code
 * ACCESS_KEY_ID:SECRET} pairs. Neither its errors nor its {@link #toString} show a secret.
 */
public final class ApiCredentials {

  /** The access key id of the documented local pair. */
  public static final String LOCAL_ACCESS_KEY_ID = "pipeline";

  /** The secret of the documented local pair: public, so it proves nothing. */
  public static final String LOCAL_SECRET_ACCESS_KEY = "pipeline-secret";

  /** The documented local pair, in the text form. */
  public static final String LOCAL = LOCAL_ACCESS_KEY_ID + ":" + LOCAL_SECRET_ACCESS_KEY;

  private static final NamedSecrets.Form FORM =
      new NamedSecrets.Form(
          "ACCESS_KEY_ID:SECRET",
          "access key id",
          "id",
          "secret",
          "access key id",
          Pattern.compile("[A-Za-z0-9_+=.@-]{1,128}"),
          "1 to 128 letters, digits and _+=.@- characters");

  private final Map<String, String> secrets;

  private ApiCredentials(Map<String, String> secrets) {
    this.secrets = secrets;
  }

  /**
   * Reads {@code ACCESS_KEY_ID:SECRET} pairs separated by commas. An access key id is 1 to 128
   * letters, digits and {@code _+=.@-}; a secret is any text without a comma and without spaces
   * around it.
   *
   * @throws IllegalArgumentException saying which entry is wrong, never quoting a secret
   */
  public static ApiCredentials parse(String text) {
    return new ApiCredentials(Map.copyOf(NamedSecrets.parse(text, FORM)));
  }

  /** The secret of an access key id, if it is one of these. */
  public Optional<String> secretOf(String accessKeyId) {
    return Optional.ofNullable(secrets.get(accessKeyId));
  }

  /** Whether the documented local pair is among these: then anyone can sign requests. */
  public boolean includesLocalPair() {
    return LOCAL_SECRET_ACCESS_KEY.equals(secrets.get(LOCAL_ACCESS_KEY_ID));
  }

  /** The access key ids, never the secrets. */
  @Override
  public String toString() {
    return "ApiCredentials" + secrets.keySet();
  }
}
