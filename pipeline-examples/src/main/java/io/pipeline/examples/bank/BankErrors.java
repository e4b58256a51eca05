package io.pipeline.examples.bank;

/** The error names the bank's services fail tasks with, for the workflow's Retry and Catch. */
public final class BankErrors {

  /** The name breaks a rule; the cause says which. */
  public static final String INVALID_NAME = "Bank.InvalidName";

  /** The address breaks a rule; the cause says which. */
  public static final String INVALID_ADDRESS = "Bank.InvalidAddress";

  /** The customer id is missing or malformed. */
  public static final String INVALID_CUSTOMER_ID = "Bank.InvalidCustomerId";

  /** The customer id is reserved for a customer of another name. */
  public static final String CUSTOMER_ID_TAKEN = "Bank.CustomerIdTaken";

  /** The account service refuses this customer. */
  public static final String CUSTOMER_BLOCKED = "Bank.CustomerBlocked";

  /** A reservation arrived after its execution had released it: it is not made. */
  public static final String RESERVATION_RELEASED = "Bank.ReservationReleased";

  /** A service's storage did not answer in time: worth retrying. */
  public static final String UNAVAILABLE = "Bank.Unavailable";

  private BankErrors() {}
}
