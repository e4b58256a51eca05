package io.pipeline.asl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is a pure library: no Kafka, no network, no files, no clock of its own. */
class EngineIsPureTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.pipeline.asl");

  @Test
  void shouldFindTheEngineClassesTheRulesCheck() {
    assertThat(ENGINE.containPackage("io.pipeline.asl.interpreter")).isTrue();
    assertThat(ENGINE.containPackage("io.pipeline.asl.parse")).isTrue();
  }

  @Test
  void shouldImportNothingFromKafka() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(ENGINE);
  }

  @Test
  void shouldDoNoNetworkOrFileInput() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .check(ENGINE);
  }

  @Test
  void shouldReadNoClockOfItsOwn() {
    noClasses()
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .check(ENGINE);
  }
}
