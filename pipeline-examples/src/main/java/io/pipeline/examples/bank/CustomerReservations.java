package io.pipeline.examples.bank;

import io.pipeline.examples.bank.CustomerRecord.Status;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer registry's rules, as pure decisions on a customer id's current entry.
 *
 * <ul>
 *   <li>A reservation is made for a free customer id (never reserved, or released by another
 *       execution); one the same execution holds, or another holds for the same name (the same
 *       customer opening again), is kept as it is; one held for another name is refused.
 *   <li>A release frees the reservation of the releasing execution only. Where that execution holds
 *       none it leaves a released entry in its name anyway (unless another execution's reservation
 *       stands): a reservation of that execution arriving after its release (its task timed out,
 *       the worker went on) is then refused instead of leaving a reservation nobody will release.
 * </ul>
 */
public final class CustomerReservations {

  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** What to do with a request. */
  public sealed interface Decision permits Write, Keep, Refuse {}

  /** Write this entry. */
  public record Write(CustomerRecord record) implements Decision {}

  /** Leave the entry as it is (or absent). */
  public record Keep(Optional<CustomerRecord> record) implements Decision {}

  /** Refuse the request with this error and cause. */
  public record Refuse(String error, String cause) implements Decision {}

  private CustomerReservations() {}

  /** Whether a customer id is well-formed: a letter or digit, then up to 63 more or _ and -. */
  public static boolean validCustomerId(String customerId) {
    return CUSTOMER_ID.matcher(customerId).matches();
  }

  /**
   * Decides a reservation.
   *
   * @param current the customer id's entry
   * @param name the validated name
   * @param execution the execution asking
   * @param at when its task was scheduled
   */
  public static Decision reserve(
      Optional<CustomerRecord> current,
      String customerId,
      String name,
      String execution,
      Instant at) {
    if (!validCustomerId(customerId)) {
      return new Refuse(
          BankErrors.INVALID_CUSTOMER_ID,
          "the customer id '"
              + customerId
              + "' must be 1 to 64 letters, digits, '_' or '-', beginning with a letter or digit");
    }
    Write reservation =
        new Write(
            new CustomerRecord(
                customerId, Optional.of(name), Status.RESERVED, execution, at, Optional.empty()));
    if (current.isEmpty()) {
      return reservation;
    }
    CustomerRecord entry = current.get();
    if (entry.status() == Status.RELEASED) {
      return entry.execution().equals(execution)
          ? new Refuse(
              BankErrors.RESERVATION_RELEASED,
              "customer id " + customerId + " was already released by this execution")
          : reservation;
    }
    if (entry.execution().equals(execution) || sameName(entry.name(), name)) {
      return new Keep(current);
    }
    return new Refuse(
        BankErrors.CUSTOMER_ID_TAKEN,
        "customer id " + customerId + " is reserved for a customer of another name");
  }

  /**
   * Decides a release.
   *
   * @param current the customer id's entry
   * @param execution the execution releasing what it reserved
   * @param reason why it releases (the error that stopped the opening)
   * @param at when its task was scheduled
   */
  public static Decision release(
      Optional<CustomerRecord> current,
      String customerId,
      String execution,
      String reason,
      Instant at) {
    if (!validCustomerId(customerId)) {
      return new Keep(Optional.empty()); // nothing can have been reserved under it
    }
    Write released =
        new Write(
            new CustomerRecord(
                customerId,
                current.flatMap(CustomerRecord::name),
                Status.RELEASED,
                execution,
                at,
                Optional.of(reason)));
    if (current.isEmpty()) {
      return released;
    }
    CustomerRecord entry = current.get();
    if (entry.status() == Status.RESERVED) {
      return entry.execution().equals(execution) ? released : new Keep(current);
    }
    return entry.execution().equals(execution) ? new Keep(current) : released;
  }

  private static boolean sameName(Optional<String> reserved, String name) {
    return reserved
        .map(r -> r.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .orElse(false);
  }
}
