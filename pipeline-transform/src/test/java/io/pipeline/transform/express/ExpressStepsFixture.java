package io.pipeline.transform.express;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The steps files and definitions under {@code src/test/resources/express}. */
final class ExpressStepsFixture {

  private ExpressStepsFixture() {}

  /** A file of the test resources' {@code express} folder. */
  static Path resource(String name) {
    try {
      return Path.of(ExpressStepsFixture.class.getResource("/express/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A step of {@code steps.json}, validated. */
  static ExpressStep step(String name) {
    List<ExpressStep> steps = StreamSteps.load(resource("steps.json"));
    return steps.stream()
        .filter(s -> s.step().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name + " in steps.json"));
  }
}
