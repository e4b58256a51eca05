package io.pipeline.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTokensTest {

  private static final String ENGINE_TOKEN =
      "arn:aws:states:us-east-1:000000000000:execution:orders:run-7/task-3";

  private final TaskTokens tokens = new TaskTokens(Map.of("k1", key('a')));

  @Test
  void shouldGiveBackTheEngineTokenOfATokenItSigned() {
    String token = tokens.sign(ENGINE_TOKEN);

    assertThat(token).startsWith("v1.k1.").doesNotContain("/").doesNotContain("=");
    assertThat(tokens.verify(token)).isEqualTo(ENGINE_TOKEN);
  }

  @Test
  void shouldRefuseAnAlteredToken() {
    String token = tokens.sign(ENGINE_TOKEN);
    String[] parts = token.split("\\.");
    String otherTask =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ENGINE_TOKEN.replace("task-3", "task-4").getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> tokens.verify(parts[0] + "." + parts[1] + "." + otherTask + "." + parts[3]))
        .isInstanceOf(InvalidTaskTokenException.class)
        .hasMessage("the task token's signature does not match");
    char last = token.charAt(token.length() - 1);
    String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> tokens.verify(flipped)).isInstanceOf(InvalidTaskTokenException.class);
  }

  @Test
  void shouldRefuseATokenSignedWithAnotherKeyOrNotIssuedHere() {
    String foreign = new TaskTokens(Map.of("k1", key('b'))).sign(ENGINE_TOKEN);

    assertThatThrownBy(() -> tokens.verify(foreign))
        .hasMessage("the task token's signature does not match");
    assertThatThrownBy(() -> tokens.verify(new TaskTokens(Map.of("k9", key('a'))).sign("x")))
        .hasMessageContaining("signed with key 'k9', which this service does not have");
    assertThatThrownBy(() -> tokens.verify(ENGINE_TOKEN))
        .hasMessage("the task token is not one this service issued");
    assertThatThrownBy(() -> tokens.verify("")).hasMessage("the task token is empty");
    assertThatThrownBy(() -> tokens.verify("v1.k1.YQ.not*base64"))
        .hasMessage("the task token's signature is not Base64");
    assertThatThrownBy(() -> tokens.verify("x".repeat(1025)))
        .hasMessageContaining("more than 1024");
  }

  @Test
  void shouldKeepTokensOfARetiredSigningKeyValidWhileItIsKept() {
    String before = tokens.sign(ENGINE_TOKEN);
    Map<String, byte[]> rotated = new LinkedHashMap<>();
    rotated.put("k2", key('c'));
    rotated.put("k1", key('a'));
    TaskTokens afterRotation = new TaskTokens(rotated);

    assertThat(afterRotation.verify(before)).isEqualTo(ENGINE_TOKEN);
    assertThat(afterRotation.sign(ENGINE_TOKEN)).startsWith("v1.k2.");
    assertThatThrownBy(() -> new TaskTokens(Map.of("k2", key('c'))).verify(before))
        .isInstanceOf(InvalidTaskTokenException.class);
  }

  @Test
  void shouldRefuseWeakKeysAndTokensOverStepFunctionsLimit() {
    assertThatThrownBy(() -> new TaskTokens(Map.of("k1", new byte[16])))
        .hasMessageContaining("has 16 bytes; it needs at least 32");
    assertThatThrownBy(() -> new TaskTokens(Map.of("bad id", key('a'))))
        .hasMessageContaining("'bad id' must be 1 to 32 letters");
    assertThatThrownBy(() -> new TaskTokens(Map.of())).hasMessageContaining("at least one");
    assertThatThrownBy(() -> tokens.sign("e".repeat(800)))
        .hasMessageContaining("Step Functions allows 1024");
  }

  private static byte[] key(char fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
