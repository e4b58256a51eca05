package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a customer's address: a street (with a letter, at most 200 characters), a city
 * (letters, spaces, hyphens, apostrophes and dots, at most 100), a country given as its ISO 3166-1
 * alpha-2 code, and a postal code in that country's format where it is known here, otherwise 2 to
 * 10 letters, digits, spaces or hyphens.
 */
public final class AddressRules {

  /** The most characters of a street. */
  public static final int MAX_STREET = 200;

  /** The most characters of a city. */
  public static final int MAX_CITY = 100;

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern CITY = Pattern.compile("\\p{L}[\\p{L}\\p{M} '’.-]*");
  private static final Pattern ANY_POSTAL_CODE = Pattern.compile("[A-Z0-9][A-Z0-9 -]{1,9}");

  /**
   * A country's postal codes: the pattern of the code with its spaces removed, and where the one
   * space goes (that many characters from the end; 0 for none).
   */
  private record PostalFormat(Pattern compact, int spaceFromEnd, String description) {}

  private static final Map<String, PostalFormat> POSTAL_FORMATS =
      Map.ofEntries(
          Map.entry("US", format("\\d{5}(-\\d{4})?", 0, "5 digits, or 5+4 as 12345-6789")),
          Map.entry("GB", format("[A-Z]{1,2}\\d[A-Z\\d]?\\d[A-Z]{2}", 3, "such as SW1Y 4JH")),
          Map.entry("CA", format("[A-Z]\\d[A-Z]\\d[A-Z]\\d", 3, "such as K1A 0B1")),
          Map.entry("NL", format("\\d{4}[A-Z]{2}", 2, "4 digits and 2 letters")),
          Map.entry("DE", format("\\d{5}", 0, "5 digits")),
          Map.entry("FR", format("\\d{5}", 0, "5 digits")),
          Map.entry("ES", format("\\d{5}", 0, "5 digits")),
          Map.entry("IT", format("\\d{5}", 0, "5 digits")),
          Map.entry("CH", format("\\d{4}", 0, "4 digits")),
          Map.entry("AT", format("\\d{4}", 0, "4 digits")),
          Map.entry("BE", format("\\d{4}", 0, "4 digits")),
          Map.entry("JP", format("\\d{3}-\\d{4}", 0, "such as 100-0001")));

  private AddressRules() {}

  private static PostalFormat format(String pattern, int spaceFromEnd, String description) {
    return new PostalFormat(Pattern.compile(pattern), spaceFromEnd, description);
  }

  /** Checks an address as the request gives it (any JSON value). */
  public static Checked<Address> check(JsonNode address) {
    if (address == null || !address.isObject()) {
      return Checked.invalid(
          List.of("the address must be an object with street, city, postalCode and country"));
    }
    List<String> problems = new ArrayList<>();
    Optional<String> street = text(address, "street", problems);
    street.ifPresent(
        s -> {
          if (s.length() > MAX_STREET) {
            problems.add("the street must have at most " + MAX_STREET + " characters");
          } else if (s.codePoints().noneMatch(Character::isLetter)) {
            problems.add("the street '" + s + "' has no letter");
          }
        });
    Optional<String> city = text(address, "city", problems);
    city.ifPresent(
        c -> {
          if (c.length() > MAX_CITY) {
            problems.add("the city must have at most " + MAX_CITY + " characters");
          } else if (!CITY.matcher(c).matches()) {
            problems.add(
                "the city '"
                    + c
                    + "' may contain only letters, spaces, hyphens, apostrophes and dots, and"
                    + " begins with a letter");
          }
        });
    Optional<String> country = text(address, "country", problems).map(AddressRules::upper);
    country.ifPresent(
        c -> {
          if (!COUNTRIES.contains(c)) {
            problems.add("the country '" + c + "' is not an ISO 3166-1 alpha-2 code, such as GB");
          }
        });
    Optional<String> postalCode =
        text(address, "postalCode", problems)
            .flatMap(code -> postalCode(code, country.filter(COUNTRIES::contains), problems));
    if (!problems.isEmpty()) {
      return Checked.invalid(problems);
    }
    return Checked.valid(
        new Address(
            street.orElseThrow(),
            city.orElseThrow(),
            postalCode.orElseThrow(),
            country.orElseThrow()));
  }

  /** The postal code normalized for its country, or a problem. */
  private static Optional<String> postalCode(
      String given, Optional<String> country, List<String> problems) {
    String code = upper(given);
    PostalFormat format = country.map(POSTAL_FORMATS::get).orElse(null);
    if (format == null) {
      if (!ANY_POSTAL_CODE.matcher(code).matches()) {
        problems.add(
            "the postal code '" + given + "' must have 2 to 10 letters, digits, spaces or hyphens");
        return Optional.empty();
      }
      return Optional.of(code);
    }
    String compact = code.replace(" ", "");
    if (!format.compact().matcher(compact).matches()) {
      problems.add(
          "the postal code '"
              + given
              + "' is not one of "
              + country.orElseThrow()
              + " ("
              + format.description()
              + ")");
      return Optional.empty();
    }
    int space = compact.length() - format.spaceFromEnd();
    return Optional.of(
        format.spaceFromEnd() == 0
            ? compact
            : compact.substring(0, space) + " " + compact.substring(space));
  }

  /** A field's text, stripped and with runs of white space made one space; or a problem. */
  private static Optional<String> text(JsonNode address, String field, List<String> problems) {
    JsonNode value = address.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      problems.add("the " + field + " is missing");
      return Optional.empty();
    }
    return Optional.of(value.textValue().replaceAll("[\\s\\p{Z}]+", " ").strip());
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
