package io.pipeline.orchestrator.integrations;

import java.util.List;
import java.util.Optional;

/**
 * The integrations an orchestrator has, looked up by Task resource. A resource with {@value
 * #CALLBACK} is served by the integration of the resource without it: the call is made the same
 * way, and the Task then waits for its token to come back ({@code SendTaskSuccess}...).
 */
public final class Integrations {

  /** The suffix of a resource whose Task waits for a callback after the call. */
  public static final String CALLBACK = ".waitForTaskToken";

  private final List<Integration> all;

  public Integrations(List<Integration> all) {
    this.all = List.copyOf(all);
  }

  /** Whether one of them serves the resource. */
  public boolean serves(String resource) {
    return find(resource).isPresent();
  }

  /** The first that serves the resource, or the resource without {@value #CALLBACK}. */
  public Optional<Integration> find(String resource) {
    String called = called(resource);
    return all.stream().filter(integration -> integration.serves(called)).findFirst();
  }

  /** The resource an integration is called with: without {@value #CALLBACK}. */
  static String called(String resource) {
    return waitsForCallback(resource)
        ? resource.substring(0, resource.length() - CALLBACK.length())
        : resource;
  }

  /** Whether the Task waits for a callback after the call. */
  static boolean waitsForCallback(String resource) {
    return resource.endsWith(CALLBACK);
  }
}
