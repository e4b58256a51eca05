package io.pipeline.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.examples.bank.CustomerRecord.Status;
import io.pipeline.examples.bank.CustomerReservations.Decision;
import io.pipeline.examples.bank.CustomerReservations.Keep;
import io.pipeline.examples.bank.CustomerReservations.Refuse;
import io.pipeline.examples.bank.CustomerReservations.Write;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BankCustomerReservationsTest {

  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
  private static final String FIRST = "arn:aws:states:us-east-1:000000000000:execution:bank:one";
  private static final String SECOND = "arn:aws:states:us-east-1:000000000000:execution:bank:two";

  private static CustomerRecord reserved(String name, String execution) {
    return new CustomerRecord(
        "C-1", Optional.of(name), Status.RESERVED, execution, AT, Optional.empty());
  }

  private static CustomerRecord released(String execution) {
    return new CustomerRecord(
        "C-1", Optional.of("Ada Lovelace"), Status.RELEASED, execution, AT, Optional.of("x"));
  }

  @Test
  void shouldReserveWhenTheCustomerIdIsNew() {
    Decision decision =
        CustomerReservations.reserve(Optional.empty(), "C-1", "Ada Lovelace", FIRST, AT);

    assertThat(decision).isEqualTo(new Write(reserved("Ada Lovelace", FIRST)));
  }

  @Test
  void shouldKeepTheReservationWhenTheSameExecutionAsksAgain() {
    Optional<CustomerRecord> current = Optional.of(reserved("Ada Lovelace", FIRST));

    assertThat(CustomerReservations.reserve(current, "C-1", "Ada Lovelace", FIRST, AT))
        .isEqualTo(new Keep(current));
  }

  @Test
  void shouldKeepTheReservationWhenTheSameCustomerOpensAgain() {
    Optional<CustomerRecord> current = Optional.of(reserved("Ada Lovelace", FIRST));

    assertThat(CustomerReservations.reserve(current, "C-1", "ada lovelace", SECOND, AT))
        .isEqualTo(new Keep(current));
  }

  @Test
  void shouldRefuseWhenTheCustomerIdIsReservedForAnotherName() {
    Optional<CustomerRecord> current = Optional.of(reserved("Ada Lovelace", FIRST));

    Decision decision = CustomerReservations.reserve(current, "C-1", "Grace Hopper", SECOND, AT);

    assertThat(decision)
        .isEqualTo(
            new Refuse(
                BankErrors.CUSTOMER_ID_TAKEN,
                "customer id C-1 is reserved for a customer of another name"));
  }

  @Test
  void shouldReserveWhenAnotherExecutionReleasedTheCustomerId() {
    Decision decision =
        CustomerReservations.reserve(
            Optional.of(released(FIRST)), "C-1", "Grace Hopper", SECOND, AT);

    assertThat(decision).isEqualTo(new Write(reserved("Grace Hopper", SECOND)));
  }

  @Test
  void shouldRefuseALateReservationWhenItsExecutionReleasedAlready() {
    Decision decision =
        CustomerReservations.reserve(
            Optional.of(released(FIRST)), "C-1", "Ada Lovelace", FIRST, AT);

    assertThat(decision).isInstanceOf(Refuse.class);
    assertThat(((Refuse) decision).error()).isEqualTo(BankErrors.RESERVATION_RELEASED);
  }

  @Test
  void shouldRefuseWhenTheCustomerIdIsMalformed() {
    Decision decision =
        CustomerReservations.reserve(Optional.empty(), "C 1;", "Ada Lovelace", FIRST, AT);

    assertThat(((Refuse) decision).error()).isEqualTo(BankErrors.INVALID_CUSTOMER_ID);
  }

  @Test
  void shouldReleaseWhenTheExecutionHoldsTheReservation() {
    Decision decision =
        CustomerReservations.release(
            Optional.of(reserved("Ada Lovelace", FIRST)), "C-1", FIRST, "Bank.CustomerBlocked", AT);

    assertThat(decision)
        .isEqualTo(
            new Write(
                new CustomerRecord(
                    "C-1",
                    Optional.of("Ada Lovelace"),
                    Status.RELEASED,
                    FIRST,
                    AT,
                    Optional.of("Bank.CustomerBlocked"))));
  }

  @Test
  void shouldKeepAnotherExecutionsReservationWhenAnExecutionReleases() {
    Optional<CustomerRecord> current = Optional.of(reserved("Ada Lovelace", FIRST));

    assertThat(CustomerReservations.release(current, "C-1", SECOND, "States.Timeout", AT))
        .isEqualTo(new Keep(current));
  }

  @Test
  void shouldLeaveAReleasedEntryWhenTheExecutionReleasesBeforeItsReservationArrives() {
    Decision release =
        CustomerReservations.release(Optional.empty(), "C-1", FIRST, "States.Timeout", AT);
    CustomerRecord entry = ((Write) release).record();

    Decision late = CustomerReservations.reserve(Optional.of(entry), "C-1", "Ada", FIRST, AT);

    assertThat(entry.status()).isEqualTo(Status.RELEASED);
    assertThat(entry.execution()).isEqualTo(FIRST);
    assertThat(late).isInstanceOf(Refuse.class);
  }

  @Test
  void shouldKeepTheEntryWhenARedeliveredReleaseFindsItReleased() {
    Optional<CustomerRecord> current = Optional.of(released(FIRST));

    assertThat(CustomerReservations.release(current, "C-1", FIRST, "x", AT))
        .isEqualTo(new Keep(current));
  }

  @Test
  void shouldRoundTripAnEntryThroughItsJson() {
    CustomerRecord record = released(FIRST);

    assertThat(CustomerRecord.fromJson(record.toJson())).isEqualTo(record);
  }
}
