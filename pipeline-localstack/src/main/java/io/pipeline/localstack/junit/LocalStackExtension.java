package io.pipeline.localstack.junit;

import io.pipeline.localstack.LocalStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link LocalStack} as a parameter: one stack per test JVM, shared by every test
 * class, closed when the JVM's tests are done. Tests keep out of each other's way with unique
 * topic, group and bucket names ({@link LocalStack#uniqueName}).
 */
public final class LocalStackExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stack(context);
  }

  /** The test JVM's stack, for extensions that start their servers on it. */
  public static LocalStack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            LocalStack.class, key -> LocalStack.fromEnvironment(), LocalStack.class);
  }
}
