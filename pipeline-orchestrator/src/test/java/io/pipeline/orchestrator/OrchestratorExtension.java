package io.pipeline.orchestrator;

import io.pipeline.localstack.junit.LocalStackExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link OrchestratorFixture} as a parameter: one orchestrator per test class, on
 * the test JVM's local stack ({@link LocalStackExtension}), stopped after the class's last test.
 * {@code @ExtendWith(OrchestratorExtension.class)} starts it with the usual settings; a class that
 * needs others registers {@link #withSettings} in a static {@code @RegisterExtension} field.
 */
public final class OrchestratorExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OrchestratorExtension.class);

  private final Map<String, String> settings;

  /** An orchestrator with the usual settings of a test orchestrator. */
  public OrchestratorExtension() {
    this(Map.of());
  }

  private OrchestratorExtension(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /** An orchestrator with these settings added to, or replacing, the usual ones. */
  public static OrchestratorExtension withSettings(Map<String, String> settings) {
    return new OrchestratorExtension(settings);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OrchestratorFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return classContext(context)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            OrchestratorFixture.class,
            key -> OrchestratorFixture.start(LocalStackExtension.stack(context), settings),
            OrchestratorFixture.class);
  }

  /** The test class's context, whose store closes its values once the class's tests are done. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }
}
