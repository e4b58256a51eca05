package io.pipeline.examples.bank;

/**
 * A postal address, normalized by {@link AddressRules}.
 *
 * @param street street and number
 * @param city city or town
 * @param postalCode postal code, upper case, spaced as the country writes it
 * @param country ISO 3166-1 alpha-2 country code, upper case
 */
public record Address(String street, String city, String postalCode, String country) {}
