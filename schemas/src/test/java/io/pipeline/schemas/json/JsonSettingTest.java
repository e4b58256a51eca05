package io.pipeline.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSettingTest {

  @Test
  void shouldReadInlineJsonWhenTheValueIsJson() {
    assertThat(JsonSetting.read("SOME_JSON", "[{\"a\": 1}]").get(0).get("a").intValue())
        .isEqualTo(1);
  }

  @Test
  void shouldReadTheFileWhenTheValueStartsWithAt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("some.json"), "{\"a\": \"é\"}");

    assertThat(JsonSetting.read("SOME_JSON", "@" + file).get("a").textValue()).isEqualTo("é");
  }

  @Test
  void shouldGiveAMissingNodeWhenTheValueIsBlank() {
    assertThat(JsonSetting.read("SOME_JSON", " ").isMissingNode()).isTrue();
  }

  @Test
  void shouldNameSettingLineAndColumnWhenInlineJsonIsMalformed() {
    assertThatThrownBy(() -> JsonSetting.read("SOME_JSON", "[{\"a\": 1,\n \"b\": }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting SOME_JSON is not valid JSON: ")
        .hasMessageEndingWith("(line 2, column 7)");
  }

  @Test
  void shouldNameTheFileWhenItsJsonIsMalformed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "[\n  1,,\n]");

    assertThatThrownBy(() -> JsonSetting.read("SOME_JSON", "@" + file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting SOME_JSON=@" + file + " is not valid JSON: ")
        .hasMessageContaining("(line 2, column");
  }

  @Test
  void shouldRefuseAKeyGivenTwiceWhenAnObjectRepeatsIt() {
    assertThatThrownBy(() -> JsonSetting.read("SOME_JSON", "{\"a\": 1,\n \"a\": 2}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Duplicate field 'a'")
        .hasMessageContaining("(line 2, column");
  }

  @Test
  void shouldNameSettingAndFileWhenTheFileCannotBeRead(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> JsonSetting.read("SOME_JSON", "@" + missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting SOME_JSON=@" + missing + ": cannot read the file: ");
  }
}
