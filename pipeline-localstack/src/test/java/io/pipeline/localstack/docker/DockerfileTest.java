package io.pipeline.localstack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {

  @Test
  void shouldFindMainClassOfLastStageWhenEntrypointIsExecForm() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "FROM a AS build",
                "ENTRYPOINT [\"mvn\"]",
                "FROM b",
                "# a comment",
                "ENTRYPOINT [\"java\", \"-cp\", \"/app/a.jar:/app/lib/*\", \\",
                "            \"-Xss1m\", \"io.example.Main\"]"));

    // when
    var mainClass = dockerfile.mainClass();

    // then
    assertThat(mainClass).contains("io.example.Main");
  }

  @Test
  void shouldFindNoMainClassWhenEntrypointRunsJar() {
    // given
    Dockerfile dockerfile = Dockerfile.parse(List.of("FROM b", "ENTRYPOINT java -jar /app.jar"));

    // when
    var mainClass = dockerfile.mainClass();

    // then
    assertThat(mainClass).isEmpty();
    assertThat(dockerfile.entrypoint()).contains(List.of("java", "-jar", "/app.jar"));
  }

  @Test
  void shouldListExposedPortsWhenSeveralExposeInstructions() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(List.of("FROM b", "EXPOSE 8081", "expose 8083/tcp 9000"));

    // when
    var ports = dockerfile.exposedPorts();

    // then
    assertThat(ports).containsExactly(8081, 8083, 9000);
  }

  @Test
  void shouldFindNoMainClassWhenEntrypointReadsItFromArgumentFile() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of("FROM b", "ENTRYPOINT [\"java\", \"-cp\", \"/app/*\", \"@/app/main-class\"]"));

    // when
    var mainClass = dockerfile.mainClass();

    // then
    assertThat(mainClass).isEmpty();
  }

  @Test
  void shouldSubstituteBuildArgsWhereDockerExpandsThemWhenStageDeclaresThem() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "ARG BASE=b",
                "FROM ${BASE} AS build",
                "EXPOSE $PORT",
                "ARG PORT",
                "ARG DIR=/data",
                "RUN echo $PORT",
                "EXPOSE ${PORT}",
                "WORKDIR $DIR",
                "FROM c",
                "EXPOSE ${PORT}"));

    // when
    Dockerfile expanded = dockerfile.withArgs(Map.of("PORT", "8081", "BASE", "a"));

    // then
    assertThat(expanded.instructions())
        .containsExactly(
            "ARG BASE=b",
            "FROM a AS build",
            "EXPOSE $PORT",
            "ARG PORT",
            "ARG DIR=/data",
            "RUN echo $PORT",
            "EXPOSE 8081",
            "WORKDIR /data",
            "FROM c",
            "EXPOSE ${PORT}");
  }

  @Test
  void shouldListArgsReadWhenReferencedAfterDeclarationInSameStage() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "ARG BASE",
                "FROM $BASE",
                "ARG MODULE",
                "ARG UNUSED",
                "ARG LATER",
                "RUN : \"${MODULE:?required}\" && mvn -pl \"$MODULE\"",
                "RUN echo $UNUSEDX",
                "FROM c",
                "EXPOSE $LATER"));

    // when
    var read = dockerfile.argsRead();

    // then
    assertThat(read).containsExactly("BASE", "MODULE");
  }

  @Test
  void shouldPlaceContextFilesWhereCopyPutsThemWhenFollowingWorkdir() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "FROM a AS build",
                "WORKDIR /build",
                "COPY --parents pom.xml */pom.xml ./",
                "COPY lib/src lib/src",
                "COPY */README.md docs/",
                "WORKDIR sub",
                "COPY [\"app/conf\", \"conf/\"]",
                "FROM b",
                "COPY --from=build /build/app/pom.xml /elsewhere/"));

    // when
    var pom = dockerfile.destinationsOf("pom.xml");
    var appPom = dockerfile.destinationsOf("app/pom.xml");
    var libSource = dockerfile.destinationsOf("lib/src/main/A.java");
    var readme = dockerfile.destinationsOf("app/README.md");
    var conf = dockerfile.destinationsOf("app/conf/x.properties");
    var notCopied = dockerfile.destinationsOf("app/src/main/B.java");

    // then
    assertThat(pom).containsExactly(Path.of("/build/pom.xml"));
    assertThat(appPom).containsExactly(Path.of("/build/app/pom.xml"));
    assertThat(libSource).containsExactly(Path.of("/build/lib/src/main/A.java"));
    assertThat(readme).containsExactly(Path.of("/build/docs/README.md"));
    assertThat(conf).containsExactly(Path.of("/build/sub/conf/x.properties"));
    assertThat(notCopied).isEmpty();
  }

  @Test
  void shouldTellFolderIsChownedWhenRunCommandNamesIt() {
    // given
    Dockerfile dockerfile =
        Dockerfile.parse(
            List.of(
                "FROM b",
                "RUN useradd app \\",
                " && mkdir -p /var/lib/app /var/cache/app \\",
                " && chown -R app:app /var/lib/app/",
                "COPY --chown=app /etc/app.conf /etc/app.conf"));

    // when
    boolean data = dockerfile.chowns("/var/lib/app");
    boolean cache = dockerfile.chowns("/var/cache/app");
    boolean conf = dockerfile.chowns("/etc/app.conf");

    // then
    assertThat(data).isTrue();
    assertThat(cache).as("created, but not given an owner").isFalse();
    assertThat(conf).as("COPY --chown is not a RUN").isFalse();
  }
}
