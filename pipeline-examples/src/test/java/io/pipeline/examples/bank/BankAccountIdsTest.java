package io.pipeline.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankAccountIdsTest {

  @Test
  void shouldGiveTheSameAccountIdWhenTheSameCustomerAsksAgain() {
    assertThat(AccountIds.forCustomer("C-1001")).isEqualTo(AccountIds.forCustomer("C-1001"));
  }

  @Test
  void shouldGiveDifferentAccountIdsWhenCustomersDiffer() {
    assertThat(AccountIds.forCustomer("C-1001")).isNotEqualTo(AccountIds.forCustomer("C-1002"));
  }

  @Test
  void shouldDeriveTheIdFromSha256OfTheCustomerId() {
    // python3 -c "import hashlib; print(hashlib.sha256(b'bank-account/C-1001').hexdigest())"
    assertThat(AccountIds.forCustomer("C-1001")).isEqualTo("ACC-1945F045BD05B942");
  }
}
