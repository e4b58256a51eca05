package io.pipeline.localstack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuildTest {

  @TempDir Path context;

  @BeforeEach
  void writeProject() throws IOException {
    Files.writeString(
        context.resolve("pom.xml"),
        """
        <project>
          <modules>
            <module>app</module>
            <module>lib</module>
          </modules>
          <profiles><profile><modules><module>extra</module></modules></profile></profiles>
        </project>
        """);
    for (String module : new String[] {"app", "lib"}) {
      Files.createDirectories(context.resolve(module).resolve("src/main/java"));
      Files.writeString(context.resolve(module).resolve("pom.xml"), "<project/>");
    }
  }

  @Test
  void shouldFindNothingMissingWhenPatternsCopyEveryModule() throws IOException {
    // given
    ImageBuild build =
        build(
            "FROM maven AS build",
            "WORKDIR /build",
            "ARG MODULE",
            "COPY --parents pom.xml */pom.xml ./",
            "RUN mvn -pl $MODULE dependency:go-offline",
            "COPY --parents */src ./");

    // when
    var missing = build.moduleFilesNotCopied();

    // then
    assertThat(build.modules()).containsExactly("app", "lib");
    assertThat(missing).isEmpty();
  }

  @Test
  void shouldListModuleFilesNotCopiedWhenModuleIsForgottenOrFlattened() throws IOException {
    // given
    ImageBuild build =
        build(
            "FROM maven AS build",
            "WORKDIR /build",
            "COPY pom.xml ./",
            "COPY app/pom.xml app/",
            "COPY */src ./",
            "COPY app/src app/src");

    // when
    var missing = build.moduleFilesNotCopied();

    // then
    assertThat(missing).containsExactly("lib/pom.xml", "lib/src");
  }

  @Test
  void shouldListNpmBuildFilesNotCopiedWhenAModuleBuildsWithNpm() throws IOException {
    // given
    for (String file : List.of("package.json", "package-lock.json", "build.mjs")) {
      Files.writeString(context.resolve("app").resolve(file), "{}");
    }
    String[] withoutThem = {
      "FROM maven AS build",
      "WORKDIR /build",
      "COPY --parents pom.xml */pom.xml ./",
      "COPY --parents */src ./"
    };

    // when
    var missing = build(withoutThem).moduleFilesNotCopied();
    var copied =
        build(
                "FROM maven AS build",
                "WORKDIR /build",
                "COPY --parents pom.xml */pom.xml ./",
                "COPY --parents */src ./",
                "COPY --parents */package.json */package-lock.json */build.mjs ./")
            .moduleFilesNotCopied();

    // then
    assertThat(missing)
        .containsExactly("app/package.json", "app/package-lock.json", "app/build.mjs");
    assertThat(copied).isEmpty();
  }

  @Test
  void shouldListArgsNotReadWhenDockerfileDoesNotDeclareOrUseThem() throws IOException {
    // given
    ImageBuild build =
        build(
            Map.of("MODULE", "app", "PORT", "8080", "MIAN_CLASS", "a.Main"),
            "FROM maven",
            "ARG MODULE",
            "ARG PORT",
            "EXPOSE ${PORT}");

    // when
    var unread = build.argsNotRead();

    // then
    assertThat(unread).containsExactly("MIAN_CLASS", "MODULE");
  }

  private ImageBuild build(String... dockerfile) throws IOException {
    return build(Map.of("MODULE", "app"), dockerfile);
  }

  private ImageBuild build(Map<String, String> args, String... dockerfile) throws IOException {
    Path file = context.resolve("Dockerfile");
    Files.write(file, List.of(dockerfile));
    return new ImageBuild(context, file, args);
  }
}
