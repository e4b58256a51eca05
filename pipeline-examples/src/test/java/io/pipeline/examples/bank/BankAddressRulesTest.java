package io.pipeline.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankAddressRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode address(String street, String city, String postalCode, String country) {
    return JSON.createObjectNode()
        .put("street", street)
        .put("city", city)
        .put("postalCode", postalCode)
        .put("country", country);
  }

  @Test
  void shouldNormalizeCountryAndPostalCodeWhenTheAddressIsValid() {
    Checked<Address> checked =
        AddressRules.check(address(" 12 St James's  Square ", "London", "sw1y4jh", "gb"));

    assertThat(checked.value())
        .contains(new Address("12 St James's Square", "London", "SW1Y 4JH", "GB"));
  }

  @ParameterizedTest
  @CsvSource({
    "US, 94103, 94103",
    "US, 94103-1234, 94103-1234",
    "DE, 10115, 10115",
    "NL, 1012 ab, 1012 AB",
    "NL, 1012AB, 1012 AB",
    "CA, k1a0b1, K1A 0B1",
    "JP, 100-0001, 100-0001",
    "SE, 114 55, 114 55"
  })
  void shouldAcceptAPostalCodeWhenItHasItsCountrysFormat(
      String country, String given, String normalized) {
    Checked<Address> checked = AddressRules.check(address("Main Street 1", "Town", given, country));

    assertThat(checked.value().map(Address::postalCode)).contains(normalized);
  }

  @Test
  void shouldRefuseAPostalCodeWhenItDoesNotHaveItsCountrysFormat() {
    Checked<Address> checked =
        AddressRules.check(address("Hauptstrasse 5", "Berlin", "1011", "DE"));

    assertThat(checked.problems())
        .containsExactly("the postal code '1011' is not one of DE (5 digits)");
  }

  @Test
  void shouldRefuseACountryWhenItIsNotAnIsoCode() {
    Checked<Address> checked = AddressRules.check(address("Main Street 1", "Town", "12345", "UK"));

    assertThat(checked.problems())
        .containsExactly("the country 'UK' is not an ISO 3166-1 alpha-2 code, such as GB");
  }

  @Test
  void shouldNameEveryProblemWhenSeveralFieldsAreWrong() {
    JsonNode address = JSON.createObjectNode().put("street", "42").put("city", "N0where");

    Checked<Address> checked = AddressRules.check(address);

    assertThat(checked.problems())
        .containsExactly(
            "the street '42' has no letter",
            "the city 'N0where' may contain only letters, spaces, hyphens, apostrophes and dots,"
                + " and begins with a letter",
            "the country is missing",
            "the postalCode is missing");
  }

  @Test
  void shouldRefuseAnAddressWhenItIsNotAnObject() {
    assertThat(AddressRules.check(TextNode.valueOf("12 Main Street")).isValid()).isFalse();
    assertThat(AddressRules.check(null).isValid()).isFalse();
  }

  @Test
  void shouldRefuseAStreetWhenItIsLongerThanTwoHundredCharacters() {
    Checked<Address> checked =
        AddressRules.check(address("Long " + "a".repeat(196), "Town", "12345", "DE"));

    assertThat(checked.problems()).containsExactly("the street must have at most 200 characters");
  }
}
