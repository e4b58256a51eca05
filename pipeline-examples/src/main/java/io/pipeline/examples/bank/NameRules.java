package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a customer's name: letters (of any script, accents included), spaces, hyphens and
 * apostrophes; 2 to 100 characters; beginning and ending with a letter. Surrounding white space is
 * dropped and runs of it inside become one space.
 */
public final class NameRules {

  /** The fewest characters a name has. */
  public static final int MIN_LENGTH = 2;

  /** The most characters a name has. */
  public static final int MAX_LENGTH = 100;

  private NameRules() {}

  /** Checks a name as the request gives it (any JSON value). */
  public static Checked<String> check(JsonNode name) {
    if (name == null || !name.isTextual()) {
      return Checked.invalid(List.of("the name must be a text"));
    }
    String normalized =
        Normalizer.normalize(
            name.textValue().replaceAll("[\\s\\p{Z}]+", " ").strip(), Normalizer.Form.NFC);
    List<String> problems = new ArrayList<>();
    int length = normalized.codePointCount(0, normalized.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      problems.add(
          "the name must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not " + length);
    }
    Set<String> notAllowed =
        normalized
            .codePoints()
            .filter(c -> !allowed(c))
            .mapToObj(Character::toString)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    if (!notAllowed.isEmpty()) {
      problems.add(
          "the name may contain only letters, spaces, hyphens and apostrophes, not "
              + notAllowed.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")));
    } else if (length > 0
        && !(Character.isLetter(normalized.codePointAt(0))
            && Character.isLetter(normalized.codePointBefore(normalized.length())))) {
      problems.add("the name must begin and end with a letter");
    }
    return problems.isEmpty() ? Checked.valid(normalized) : Checked.invalid(problems);
  }

  private static boolean allowed(int c) {
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || c == ' '
        || c == '-'
        || c == '\''
        || c == '\u2019';
  }
}
