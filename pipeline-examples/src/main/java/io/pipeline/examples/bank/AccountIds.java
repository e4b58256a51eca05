package io.pipeline.examples.bank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Account ids derived from the customer id alone: {@code ACC-} and the first 16 hex digits of
 * SHA-256 of {@code bank-account/<customer id>}. A task delivered twice, retried, or run again by a
 * new execution for the same customer names the same account, so it is written under the same key
 * of the compacted accounts topic and never opened twice. (One account per customer is this
 * example's product rule; 64 bits make an accidental clash between customers negligible at a bank's
 * scale, and the account service could check for one.)
 */
public final class AccountIds {

  private AccountIds() {}

  /** The account id of a customer's account. */
  public static String forCustomer(String customerId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("bank-account/" + customerId).getBytes(StandardCharsets.UTF_8));
      return "ACC-" + HexFormat.of().formatHex(digest, 0, 8).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
