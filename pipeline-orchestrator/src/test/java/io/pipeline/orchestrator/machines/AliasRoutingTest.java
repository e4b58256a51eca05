package io.pipeline.orchestrator.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.schemas.orchestrator.AliasRoute;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AliasRoutingTest {

  private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:orders";
  private static final String V1 = MACHINE + ":1";
  private static final String V2 = MACHINE + ":2";

  @Test
  void shouldTakeOneVersionAtHundredOrTwoVersionsAddingUpToHundred() {
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 100)))).isEmpty();
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 30), new AliasRoute(V2, 70))))
        .isEmpty();
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 0), new AliasRoute(V2, 100))))
        .isEmpty();
  }

  @Test
  void shouldRefuseNoRouteOrMoreThanTwo() {
    assertThat(AliasRouting.problem(List.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("between 1 and 2"));
    assertThat(
            AliasRouting.problem(
                List.of(
                    new AliasRoute(V1, 30),
                    new AliasRoute(V2, 30),
                    new AliasRoute(MACHINE + ":3", 40))))
        .hasValueSatisfying(p -> assertThat(p).contains("it has 3"));
  }

  @Test
  void shouldRefuseWeightsOutOfRangeOrNotAddingUpToHundred() {
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 101))))
        .hasValueSatisfying(
            p -> assertThat(p).contains("'101'").contains("routingConfiguration.1"));
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 50), new AliasRoute(V2, -1))))
        .hasValueSatisfying(p -> assertThat(p).contains("routingConfiguration.2.member.weight"));
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 50), new AliasRoute(V2, 40))))
        .hasValueSatisfying(p -> assertThat(p).contains("add up to 90"));
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 99))))
        .hasValueSatisfying(p -> assertThat(p).contains("add up to 99"));
  }

  @Test
  void shouldRefuseTheSameVersionTwiceOrVersionsOfTwoStateMachines() {
    assertThat(AliasRouting.problem(List.of(new AliasRoute(V1, 50), new AliasRoute(V1, 50))))
        .hasValueSatisfying(p -> assertThat(p).contains("twice"));
    assertThat(
            AliasRouting.problem(
                List.of(new AliasRoute(V1, 50), new AliasRoute(MACHINE + "-other:1", 50))))
        .hasValueSatisfying(p -> assertThat(p).contains("different state machines"));
  }

  @Test
  void shouldPickEachVersionForItsShareOfTheDraws() {
    List<AliasRoute> routes = List.of(new AliasRoute(V1, 30), new AliasRoute(V2, 70));

    List<String> picked =
        IntStream.range(0, 100)
            .mapToObj(draw -> AliasRouting.pick(routes, draw).getStateMachineVersionArn())
            .toList();

    assertThat(picked.subList(0, 30)).containsOnly(V1);
    assertThat(picked.subList(30, 100)).containsOnly(V2);
  }

  @Test
  void shouldNeverPickAVersionWeightedZero() {
    List<AliasRoute> first = List.of(new AliasRoute(V1, 100), new AliasRoute(V2, 0));
    List<AliasRoute> second = List.of(new AliasRoute(V1, 0), new AliasRoute(V2, 100));

    IntStream.range(0, 100)
        .forEach(
            draw -> {
              assertThat(AliasRouting.pick(first, draw).getStateMachineVersionArn()).isEqualTo(V1);
              assertThat(AliasRouting.pick(second, draw).getStateMachineVersionArn()).isEqualTo(V2);
            });
  }

  @Test
  void shouldRefuseADrawOutsideZeroTo99() {
    List<AliasRoute> routes = List.of(new AliasRoute(V1, 100));

    assertThatThrownBy(() -> AliasRouting.pick(routes, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AliasRouting.pick(routes, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSeeTheSameRoutingInAnyOrder() {
    assertThat(
            StateMachineAliases.sameRouting(
                List.of(new AliasRoute(V1, 40), new AliasRoute(V2, 60)),
                List.of(new AliasRoute(V2, 60), new AliasRoute(V1, 40))))
        .isTrue();
    assertThat(
            StateMachineAliases.sameRouting(
                List.of(new AliasRoute(V1, 40), new AliasRoute(V2, 60)),
                List.of(new AliasRoute(V1, 60), new AliasRoute(V2, 40))))
        .isFalse();
  }
}
