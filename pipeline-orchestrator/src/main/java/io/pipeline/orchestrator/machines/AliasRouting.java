package io.pipeline.orchestrator.machines;

import io.pipeline.schemas.orchestrator.AliasRoute;
import java.util.List;
import java.util.Optional;

/**
 * An alias's routing configuration: one or two versions of one state machine, each with the
 * percentage of starts it gets. Checking one and picking a version by weight are pure functions;
 * the caller brings the random draw.
 */
public final class AliasRouting {

  /** An alias routes to at most this many versions. */
  public static final int MAX_ROUTES = 2;

  private AliasRouting() {}

  /**
   * What is wrong with a routing configuration whose version ARNs are well-formed: the number of
   * routes, a weight out of 0 to 100, weights that do not add up to 100, a version named twice,
   * versions of different state machines. Empty when nothing is.
   */
  public static Optional<String> problem(List<AliasRoute> routes) {
    if (routes.isEmpty() || routes.size() > MAX_ROUTES) {
      return Optional.of(
          "1 validation error detected: Value at 'routingConfiguration' failed to satisfy"
              + " constraint: Member must have length between 1 and "
              + MAX_ROUTES
              + " (it has "
              + routes.size()
              + ")");
    }
    int sum = 0;
    for (int i = 0; i < routes.size(); i++) {
      int weight = routes.get(i).getWeight();
      if (weight < 0 || weight > 100) {
        return Optional.of(
            "1 validation error detected: Value '"
                + weight
                + "' at 'routingConfiguration."
                + (i + 1)
                + ".member.weight' failed to satisfy constraint: Member must have value between 0"
                + " and 100");
      }
      sum += weight;
    }
    if (sum != 100) {
      return Optional.of(
          "The weights of the routing configuration add up to "
              + sum
              + "; they must add up to 100");
    }
    if (routes.size() == 2) {
      String first = routes.get(0).getStateMachineVersionArn();
      String second = routes.get(1).getStateMachineVersionArn();
      if (first.equals(second)) {
        return Optional.of(
            "The routing configuration names the version '" + first + "' twice; name two versions");
      }
      if (!machineOf(first).equals(machineOf(second))) {
        return Optional.of(
            "The routing configuration's versions '"
                + first
                + "' and '"
                + second
                + "' belong to different state machines; an alias routes to versions of one");
      }
    }
    return Optional.empty();
  }

  /**
   * The version a start goes to.
   *
   * @param routes a routing configuration without {@link #problem}s
   * @param percentile a uniform random draw from 0 to 99
   */
  public static AliasRoute pick(List<AliasRoute> routes, int percentile) {
    if (percentile < 0 || percentile > 99) {
      throw new IllegalArgumentException("the draw " + percentile + " is not from 0 to 99");
    }
    int below = 0;
    for (AliasRoute route : routes) {
      below += route.getWeight();
      if (percentile < below) {
        return route;
      }
    }
    throw new IllegalArgumentException("the weights of " + routes + " do not add up to 100");
  }

  /** The state machine of a version ARN. */
  static String machineOf(String versionArn) {
    return StateMachineArn.parse(versionArn)
        .filter(arn -> arn.kind() == StateMachineArn.Kind.VERSION)
        .map(StateMachineArn::machine)
        .orElseThrow(() -> new IllegalArgumentException(versionArn + " is not a version ARN"));
  }
}
