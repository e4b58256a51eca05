package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console's files as the pipeline-console jar on the classpath holds them. */
class ConsoleAssetsTest {

  private final ConsoleAssets assets = ConsoleAssets.load(getClass().getClassLoader());

  @Test
  void shouldServeTheIndexUncachedWhenItNamesTheBundles() {
    // when
    Asset index = assets.index();

    // then
    assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(index.cacheControl()).isEqualTo("no-cache");
    assertThat(new String(index.bytes(), StandardCharsets.UTF_8))
        .containsPattern("<script type=\"module\" src=\"/console/assets/main-[A-Z0-9]+\\.js\">")
        .containsPattern("href=\"/console/assets/styles-[A-Z0-9]+\\.css\"");
  }

  @Test
  void shouldCacheEveryBundleForAYearWithItsContentTypeWhenTheIndexNamesIt() {
    // given
    String index = new String(assets.index().bytes(), StandardCharsets.UTF_8);
    String script = index.replaceAll("(?s).*src=\"/console/(assets/main-[A-Z0-9]+\\.js)\".*", "$1");
    String styles =
        index.replaceAll("(?s).*href=\"/console/(assets/styles-[A-Z0-9]+\\.css)\".*", "$1");

    // when
    Asset js = assets.asset(script).orElseThrow();
    Asset css = assets.asset(styles).orElseThrow();

    // then
    assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
    assertThat(js.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(js.gzipped())
        .hasValueSatisfying(g -> assertThat(g.length).isLessThan(js.bytes().length));
    assertThat(js.etag()).matches("\"[A-Za-z0-9_-]{22}\"");
  }

  @Test
  void shouldFindNoBundleWhenThePathIsOutsideAssetsOrUnknown() {
    // when / then
    assertThat(assets.asset("index.html")).isEmpty();
    assertThat(assets.asset("manifest.json")).isEmpty();
    assertThat(assets.asset("assets/nothing-1234.js")).isEmpty();
    assertThat(assets.asset("assets/../index.html")).isEmpty();
  }

  @Test
  void shouldSayTheConsoleJarIsMissingWhenItsFilesAreNotOnTheClasspath() throws Exception {
    // given
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {

      // when / then
      assertThatThrownBy(() -> ConsoleAssets.load(empty))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the pipeline-console jar is missing");
    }
  }
}
