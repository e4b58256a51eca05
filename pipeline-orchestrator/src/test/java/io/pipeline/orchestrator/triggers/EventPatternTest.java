package io.pipeline.orchestrator.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMatchExactStringsNumbersBooleansAndNull() {
    EventPattern pattern =
        pattern("{'bucket': ['landing'], 'size': [10], 'public': [false], 'etag': [null]}");

    assertThat(
            pattern.matches(
                event("{'bucket': 'landing', 'size': 10, 'public': false," + " 'etag': null}")))
        .isTrue();
    assertThat(
            pattern.matches(
                event("{'bucket': 'landing', 'size': 10.0, 'public': false," + " 'etag': null}")))
        .as("numbers compare as numbers")
        .isTrue();
    assertThat(
            pattern.matches(
                event("{'bucket': 'Landing', 'size': 10, 'public': false," + " 'etag': null}")))
        .isFalse();
    assertThat(
            pattern.matches(
                event("{'bucket': 'landing', 'size': '10', 'public': false," + " 'etag': null}")))
        .as("a string is not a number")
        .isFalse();
    assertThat(
            pattern.matches(
                event("{'bucket': 'landing', 'size': 10, 'public': 'false'," + " 'etag': null}")))
        .isFalse();
    assertThat(pattern.matches(event("{'bucket': 'landing', 'size': 10, 'public': false}")))
        .as("null is a value, not absence")
        .isFalse();
  }

  @Test
  void shouldMatchAnyOfTheValuesOfAnArray() {
    EventPattern pattern = pattern("{'bucket': ['landing', 'archive']}");

    assertThat(pattern.matches(event("{'bucket': 'archive'}"))).isTrue();
    assertThat(pattern.matches(event("{'bucket': 'other'}"))).isFalse();
  }

  @Test
  void shouldRequireEveryFieldOfThePattern() {
    EventPattern pattern = pattern("{'bucket': ['landing'], 'eventName': ['ObjectCreated:Put']}");

    assertThat(
            pattern.matches(
                event("{'bucket': 'landing', 'eventName': 'ObjectCreated:Put'," + " 'other': 1}")))
        .isTrue();
    assertThat(pattern.matches(event("{'bucket': 'landing'}"))).isFalse();
  }

  @Test
  void shouldMatchPrefixesAndSuffixes() {
    EventPattern pattern =
        pattern("{'key': [{'prefix': 'incoming/'}], 'name': [{'suffix': '.csv'}]}");

    assertThat(pattern.matches(event("{'key': 'incoming/a.csv', 'name': 'a.csv'}"))).isTrue();
    assertThat(pattern.matches(event("{'key': 'outgoing/a.csv', 'name': 'a.csv'}"))).isFalse();
    assertThat(pattern.matches(event("{'key': 'incoming/a.csv', 'name': 'a.csv.gz'}"))).isFalse();
  }

  @Test
  void shouldMatchPrefixesAndSuffixesIgnoringCaseWhenAsked() {
    EventPattern pattern =
        pattern(
            "{'key': [{'prefix': {'equals-ignore-case': 'INCOMING/'}}],"
                + " 'name': [{'suffix': {'equals-ignore-case': '.CSV'}}]}");

    assertThat(pattern.matches(event("{'key': 'Incoming/a', 'name': 'a.csv'}"))).isTrue();
    assertThat(pattern.matches(event("{'key': 'outgoing/a', 'name': 'a.csv'}"))).isFalse();
  }

  @Test
  void shouldMatchEqualsIgnoreCase() {
    EventPattern pattern = pattern("{'bucket': [{'equals-ignore-case': 'LANDING'}]}");

    assertThat(pattern.matches(event("{'bucket': 'Landing'}"))).isTrue();
    assertThat(pattern.matches(event("{'bucket': 'landings'}"))).isFalse();
  }

  @Test
  void shouldMatchWildcards() {
    EventPattern pattern = pattern("{'key': [{'wildcard': 'incoming/*/*.csv'}]}");

    assertThat(pattern.matches(event("{'key': 'incoming/2026/a.csv'}"))).isTrue();
    assertThat(pattern.matches(event("{'key': 'incoming/a.json'}"))).isFalse();
  }

  @Test
  void shouldMatchNumericRanges() {
    EventPattern pattern = pattern("{'size': [{'numeric': ['>', 0, '<=', 5]}]}");

    assertThat(pattern.matches(event("{'size': 5}"))).isTrue();
    assertThat(pattern.matches(event("{'size': 0.5}"))).isTrue();
    assertThat(pattern.matches(event("{'size': 0}"))).isFalse();
    assertThat(pattern.matches(event("{'size': 5.01}"))).isFalse();
    assertThat(pattern.matches(event("{'size': '3'}"))).as("a string is not a number").isFalse();
  }

  @Test
  void shouldMatchNumericEqualityAndOneSidedRanges() {
    EventPattern equal = pattern("{'size': [{'numeric': ['=', 300]}]}");
    EventPattern atLeast = pattern("{'size': [{'numeric': ['>=', 1e3]}]}");

    assertThat(equal.matches(event("{'size': 3.0e2}"))).isTrue();
    assertThat(equal.matches(event("{'size': 301}"))).isFalse();
    assertThat(atLeast.matches(event("{'size': 1000}"))).isTrue();
    assertThat(atLeast.matches(event("{'size': 999.999}"))).isFalse();
  }

  @Test
  void shouldMatchOnPresenceOrAbsenceWithExists() {
    EventPattern present = pattern("{'versionId': [{'exists': true}]}");
    EventPattern absent = pattern("{'versionId': [{'exists': false}]}");

    assertThat(present.matches(event("{'versionId': 'v1'}"))).isTrue();
    assertThat(present.matches(event("{'versionId': null}"))).isTrue();
    assertThat(present.matches(event("{'key': 'a'}"))).isFalse();
    assertThat(absent.matches(event("{'key': 'a'}"))).isTrue();
    assertThat(absent.matches(event("{'versionId': 'v1'}"))).isFalse();
  }

  @Test
  void shouldMatchAnythingButTheValuesGiven() {
    EventPattern one = pattern("{'bucket': [{'anything-but': 'scratch'}]}");
    EventPattern many = pattern("{'size': [{'anything-but': [0, 1]}]}");

    assertThat(one.matches(event("{'bucket': 'landing'}"))).isTrue();
    assertThat(one.matches(event("{'bucket': 'scratch'}"))).isFalse();
    assertThat(many.matches(event("{'size': 2}"))).isTrue();
    assertThat(many.matches(event("{'size': 1}"))).isFalse();
  }

  @Test
  void shouldMatchAnythingButAPrefixOrSuffix() {
    EventPattern prefix = pattern("{'key': [{'anything-but': {'prefix': 'tmp/'}}]}");
    EventPattern suffix = pattern("{'key': [{'anything-but': {'suffix': '.part'}}]}");

    assertThat(prefix.matches(event("{'key': 'incoming/a'}"))).isTrue();
    assertThat(prefix.matches(event("{'key': 'tmp/a'}"))).isFalse();
    assertThat(suffix.matches(event("{'key': 'a.csv'}"))).isTrue();
    assertThat(suffix.matches(event("{'key': 'a.csv.part'}"))).isFalse();
  }

  @Test
  void shouldMatchAnythingButIgnoringCase() {
    EventPattern pattern = pattern("{'bucket': [{'anything-but': {'equals-ignore-case': 'TMP'}}]}");

    assertThat(pattern.matches(event("{'bucket': 'landing'}"))).isTrue();
    assertThat(pattern.matches(event("{'bucket': 'tmp'}"))).isFalse();
  }

  @Test
  void shouldMatchAnyBranchOfAnOr() {
    EventPattern pattern =
        pattern(
            "{'bucket': ['landing'], '$or': [{'key': [{'prefix': 'incoming/'}]},"
                + " {'size': [{'numeric': ['>', 1000]}]}]}");

    assertThat(pattern.matches(event("{'bucket': 'landing', 'key': 'incoming/a', 'size': 1}")))
        .isTrue();
    assertThat(pattern.matches(event("{'bucket': 'landing', 'key': 'other/a', 'size': 2000}")))
        .isTrue();
    assertThat(pattern.matches(event("{'bucket': 'landing', 'key': 'other/a', 'size': 1}")))
        .isFalse();
    assertThat(pattern.matches(event("{'bucket': 'archive', 'key': 'incoming/a', 'size': 1}")))
        .as("the fields outside $or still count")
        .isFalse();
  }

  @Test
  void shouldMatchFieldsOfNestedObjects() {
    EventPattern pattern =
        pattern("{'detail': {'bucket': {'name': ['landing']}, 'object': {'size': [10]}}}");

    assertThat(
            pattern.matches(
                event(
                    "{'detail': {'bucket': {'name': 'landing'},"
                        + " 'object': {'size': 10, 'key': 'a'}}}")))
        .isTrue();
    assertThat(pattern.matches(event("{'detail': {'bucket': {'name': 'landing'}}}"))).isFalse();
    assertThat(pattern.matches(event("{'bucket': {'name': 'landing'}, 'object': {'size': 10}}")))
        .isFalse();
  }

  @Test
  void shouldMatchAnArrayOfTheEventWhenAnyElementMatches() {
    EventPattern pattern = pattern("{'tags': ['pii'], 'sizes': [{'numeric': ['>', 100]}]}");

    assertThat(pattern.matches(event("{'tags': ['raw', 'pii'], 'sizes': [1, 200]}"))).isTrue();
    assertThat(pattern.matches(event("{'tags': ['raw'], 'sizes': [1, 200]}"))).isFalse();
    assertThat(pattern.matches(event("{'tags': [], 'sizes': [200]}"))).isFalse();
  }

  @Test
  void shouldMatchFieldsOfOneArrayElementOnlyTogether() {
    EventPattern pattern = pattern("{'records': {'bucket': ['landing'], 'size': [10]}}");

    assertThat(pattern.matches(event("{'records': [{'bucket': 'landing', 'size': 10}]}"))).isTrue();
    assertThat(
            pattern.matches(
                event(
                    "{'records': [{'bucket': 'landing', 'size': 1},"
                        + " {'bucket': 'archive', 'size': 10}]}")))
        .as("bucket and size come from different elements")
        .isFalse();
  }

  @Test
  void shouldMatchNoEventThatIsNotAnObjectUnlessItMatchesEveryEvent() {
    EventPattern pattern = pattern("{'bucket': ['landing']}");

    assertThat(pattern.matches(event("['landing']"))).isFalse();
    assertThat(pattern.matches(event("'landing'"))).isFalse();
    assertThat(EventPattern.anyEvent().matches(event("42"))).isTrue();
    assertThat(EventPattern.anyEvent().matchesAnyEvent()).isTrue();
    assertThat(pattern.matchesAnyEvent()).isFalse();
  }

  @Test
  void shouldKeepThePatternAsWritten() {
    EventPattern pattern = pattern("{'key': [{'prefix': 'incoming/'}]}");

    assertThat(pattern.json()).isEqualTo(event("{'key': [{'prefix': 'incoming/'}]}"));
    assertThat(pattern).isEqualTo(pattern("{'key': [{'prefix': 'incoming/'}]}"));
  }

  @Test
  void shouldNameWhereAPatternIsWrong() {
    assertInvalid("{'key': [{'prefix': 3}]}", "/key/0/prefix", "prefix match pattern must be");
    assertInvalid(
        "{'detail': {'size': [{'numeric': ['>', 'x']}]}}",
        "/detail/size/0/numeric/1",
        "Value of > must be numeric");
    assertInvalid("{'key': [{'prefx': 'a'}]}", "/key/0/prefx", "Unrecognized match type prefx");
    assertInvalid("{'bucket': 'landing'}", "/bucket", "must be an object or an array");
    assertInvalid("{'bucket': []}", "/bucket", "Empty arrays are not allowed");
    assertInvalid("{'a': {}}", "/a", "Empty objects are not allowed");
    assertInvalid("{'$or': [{'a': [1]}]}", "/$or", "at least 2 Objects");
    assertInvalid(
        "{'a': [{'exists': 'yes'}]}", "/a/0/exists", "exists match pattern must be either true");
    assertInvalid(
        "{'a': [{'anything-but': {'prefix': 3}}]}", "/a/0/anything-but/prefix", "must be a string");
    assertInvalid("{'a': [{'wildcard': 'a**'}]}", "/a/0/wildcard", "Consecutive wildcard");
    assertInvalid("{'a/b': [{'numeric': ['<']}]}", "/a~1b/0/numeric", "");
    assertInvalid("['landing']", "", "must be a JSON object");
  }

  private static void assertInvalid(String pattern, String pointer, String reason) {
    assertThatThrownBy(() -> pattern(pattern))
        .isInstanceOfSatisfying(
            InvalidPatternException.class,
            e -> {
              assertThat(e.pointer()).as(pattern).isEqualTo(pointer);
              assertThat(e.reason()).as(pattern).contains(reason);
              assertThat(e.getMessage())
                  .startsWith(pointer.isEmpty() ? "the pattern: " : "at " + pointer + ": ");
            });
  }

  private static EventPattern pattern(String json) {
    return EventPattern.parse(event(json));
  }

  static JsonNode event(String singleQuoted) {
    try {
      return JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }
}
