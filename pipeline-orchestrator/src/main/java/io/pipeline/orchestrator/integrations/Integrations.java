package io.pipeline.orchestrator.integrations;

import java.util.List;
import java.util.Optional;

/** The integrations an orchestrator has, looked up by Task resource. */
public final class Integrations {

  private final List<Integration> all;

  public Integrations(List<Integration> all) {
    this.all = List.copyOf(all);
  }

  /** Whether one of them serves the resource. */
  public boolean serves(String resource) {
    return find(resource).isPresent();
  }

  /** The first that serves the resource. */
  public Optional<Integration> find(String resource) {
    return all.stream().filter(integration -> integration.serves(resource)).findFirst();
  }
}
