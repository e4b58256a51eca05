package io.pipeline.asl.intrinsic;

import static io.pipeline.asl.intrinsic.IntrinsicFixture.evaluate;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.failure;
import static io.pipeline.asl.intrinsic.IntrinsicFixture.invalidArguments;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.asl.error.StateFailure;
import org.junit.jupiter.api.Test;

class EncodingFunctionsTest {

  @Test
  void shouldEncodeUtf8WhenStringIsGiven() {
    // when / then
    assertThat(evaluate("States.Base64Encode($.s)", "{\"s\":\"Data to encode\"}").textValue())
        .isEqualTo("RGF0YSB0byBlbmNvZGU=");
    assertThat(evaluate("States.Base64Encode('✓')").textValue()).isEqualTo("4pyT");
    assertThat(evaluate("States.Base64Encode('')").textValue()).isEmpty();
  }

  @Test
  void shouldFailEncodeWhenInputIsLongerThanTenThousandCharacters() {
    // given
    String longest = "{\"s\":\"" + "a".repeat(10_000) + "\"}";
    String tooLong = "{\"s\":\"" + "a".repeat(10_001) + "\"}";

    // when
    StateFailure failure = failure("States.Base64Encode($.s)", tooLong);

    // then
    assertThat(evaluate("States.Base64Encode($.s)", longest).textValue()).hasSize(13_336);
    assertThat(failure.cause())
        .isEqualTo(invalidArguments("States.Base64Encode($.s)", "States.Base64Encode"));
    assertThat(failure("States.Base64Encode(123)").cause())
        .endsWith("Invalid arguments in States.Base64Encode");
  }

  @Test
  void shouldDecodeToUtf8WhenBase64IsGiven() {
    // when / then
    assertThat(evaluate("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')").textValue())
        .isEqualTo("Data to encode");
    assertThat(evaluate("States.Base64Decode('44GT44KT44Gr44Gh44Gv')").textValue())
        .isEqualTo("こんにちは");
    assertThat(evaluate("States.Base64Decode('')").textValue()).isEmpty();
  }

  @Test
  void shouldDecodeLenientlyWhenBase64IsMalformed() {
    // when / then
    assertThat(evaluate("States.Base64Decode(' YWJjZA== ')").textValue()).isEqualTo("abcd");
    assertThat(evaluate("States.Base64Decode('YWJjZA')").textValue()).isEqualTo("abcd");
    assertThat(evaluate("States.Base64Decode('aGVs==bG8=')").textValue()).isEqualTo("hel");
  }

  @Test
  void shouldFailDecodeWhenInputIsTooLongOrNotAString() {
    // given
    String tooLong = "{\"s\":\"" + "A".repeat(10_001) + "\"}";

    // when
    StateFailure failure = failure("States.Base64Decode($.s)", tooLong);

    // then
    assertThat(failure.cause())
        .isEqualTo(invalidArguments("States.Base64Decode($.s)", "States.Base64Decode"));
    assertThat(failure("States.Base64Decode($.o)", "{\"o\":{}}").cause())
        .endsWith("Invalid arguments in States.Base64Decode");
  }

  @Test
  void shouldHashWithEachAlgorithmWhenNameIsExact() {
    // given
    String input = "{\"data\":\"input data\"}";

    // when / then
    assertThat(evaluate("States.Hash('hello', 'MD5')").textValue())
        .isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(evaluate("States.Hash($.data, 'SHA-1')", input).textValue())
        .isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
    assertThat(evaluate("States.Hash($.data, 'SHA-256')", input).textValue())
        .isEqualTo("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
    assertThat(evaluate("States.Hash($.data, 'SHA-384')", input).textValue())
        .isEqualTo(
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b"
                + "87525bdc835ebb27e1fb9e9374a15562");
    assertThat(evaluate("States.Hash($.data, 'SHA-512')", input).textValue())
        .isEqualTo(
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
                + "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4");
  }

  @Test
  void shouldFailHashWhenAlgorithmIsNotSpelledExactly() {
    // given
    String expression = "States.Hash('data', 'sha-256')";

    // when
    StateFailure failure = failure(expression);

    // then
    assertThat(failure.cause()).isEqualTo(invalidArguments(expression, "States.Hash"));
    assertThat(failure("States.Hash('data', 'SHA256')").cause())
        .endsWith("Invalid arguments in States.Hash");
    assertThat(failure("States.Hash('hello')").cause())
        .endsWith("Invalid arguments in States.Hash");
    assertThat(failure("States.Hash($.s, 'MD5')", "{\"s\":\"" + "a".repeat(10_001) + "\"}").cause())
        .endsWith("Invalid arguments in States.Hash");
  }
}
