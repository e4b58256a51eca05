package io.pipeline.orchestrator.api;

import static io.pipeline.orchestrator.Sfn.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;

/** TagResource, UntagResource and ListTagsForResource through the AWS SDK. */
@ExtendWith(OrchestratorExtension.class)
class TagsIT {

  private static final String PASS =
      "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";

  private static SfnClient sfn;

  @BeforeAll
  static void connect(OrchestratorFixture running) {
    sfn = running.sfn();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<Tag> tagsOf(String arn) {
    return sfn.listTagsForResource(b -> b.resourceArn(arn)).tags();
  }

  @Test
  void shouldTagUntagAndListTheTagsOfAStateMachine() {
    String machine =
        sfn.createStateMachine(
                b ->
                    b.name(LocalStack.uniqueName("tagged"))
                        .definition(PASS)
                        .roleArn(ROLE)
                        .tags(tag("team", "a"), tag("env", "test")))
            .stateMachineArn();

    List<Tag> created = tagsOf(machine);
    sfn.tagResource(b -> b.resourceArn(machine).tags(tag("team", "b"), tag("cost", "")));
    List<Tag> tagged = tagsOf(machine);
    sfn.untagResource(b -> b.resourceArn(machine).tagKeys("env", "not-there"));
    List<Tag> untagged = tagsOf(machine);

    assertThat(created).containsExactlyInAnyOrder(tag("team", "a"), tag("env", "test"));
    assertThat(tagged)
        .containsExactlyInAnyOrder(tag("team", "b"), tag("env", "test"), tag("cost", ""));
    assertThat(untagged).containsExactlyInAnyOrder(tag("team", "b"), tag("cost", ""));
  }

  @Test
  void shouldTagUntagAndListTheTagsOfAnActivity() {
    String activity =
        sfn.createActivity(b -> b.name(LocalStack.uniqueName("tagged")).tags(tag("team", "a")))
            .activityArn();

    sfn.tagResource(b -> b.resourceArn(activity).tags(tag("env", "prod")));
    List<Tag> tagged = tagsOf(activity);
    sfn.untagResource(b -> b.resourceArn(activity).tagKeys("team", "env"));

    assertThat(tagged).containsExactlyInAnyOrder(tag("team", "a"), tag("env", "prod"));
    assertThat(tagsOf(activity)).isEmpty();
  }

  @Test
  void shouldTagAVersionAndAnAliasOfAStateMachine() {
    String machine =
        sfn.createStateMachine(
                b -> b.name(LocalStack.uniqueName("versioned")).definition(PASS).roleArn(ROLE))
            .stateMachineArn();
    String version =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
    String alias =
        sfn.createStateMachineAlias(
                b ->
                    b.name("live")
                        .routingConfiguration(r -> r.stateMachineVersionArn(version).weight(100)))
            .stateMachineAliasArn();

    sfn.tagResource(b -> b.resourceArn(version).tags(tag("release", "1")));
    sfn.tagResource(b -> b.resourceArn(alias).tags(tag("traffic", "all")));

    assertThat(tagsOf(version)).containsExactly(tag("release", "1"));
    assertThat(tagsOf(alias)).containsExactly(tag("traffic", "all"));
    assertThat(tagsOf(machine)).isEmpty();
    assertThatThrownBy(() -> tagsOf(machine + ":99")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void shouldKeepTheFirstTagsWhenACreateIsRepeated() {
    String name = LocalStack.uniqueName("repeated");

    String first = sfn.createActivity(b -> b.name(name).tags(tag("first", "yes"))).activityArn();
    String again = sfn.createActivity(b -> b.name(name).tags(tag("second", "yes"))).activityArn();

    assertThat(again).isEqualTo(first);
    assertThat(tagsOf(first)).containsExactly(tag("first", "yes"));
  }

  @Test
  void shouldRemoveTheTagsOfADeletedResource() {
    String machineName = LocalStack.uniqueName("deleted");
    String activityName = LocalStack.uniqueName("deleted");
    String machine =
        sfn.createStateMachine(
                b -> b.name(machineName).definition(PASS).roleArn(ROLE).tags(tag("old", "1")))
            .stateMachineArn();
    String activity =
        sfn.createActivity(b -> b.name(activityName).tags(tag("old", "1"))).activityArn();

    sfn.deleteStateMachine(b -> b.stateMachineArn(machine));
    sfn.deleteActivity(b -> b.activityArn(activity));

    assertThatThrownBy(() -> tagsOf(machine)).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> tagsOf(activity)).isInstanceOf(ResourceNotFoundException.class);
    sfn.createStateMachine(b -> b.name(machineName).definition(PASS).roleArn(ROLE));
    sfn.createActivity(b -> b.name(activityName));
    assertThat(tagsOf(machine)).isEmpty();
    assertThat(tagsOf(activity)).isEmpty();
  }

  @Test
  void shouldRefuseMoreThanFiftyTagsNamingTheResource() {
    String activity =
        sfn.createActivity(b -> b.name(LocalStack.uniqueName("crowded"))).activityArn();
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(tag("k" + i, "v"));
    }
    sfn.tagResource(b -> b.resourceArn(activity).tags(fifty));

    assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k50", "v"))))
        .isInstanceOfSatisfying(
            TooManyTagsException.class, e -> assertThat(e.resourceName()).isEqualTo(activity));
    sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k0", "replaced")));
    assertThat(tagsOf(activity)).hasSize(50).contains(tag("k0", "replaced"));
    List<Tag> fiftyOne = new ArrayList<>(fifty);
    fiftyOne.add(tag("k50", "v"));
    assertThatThrownBy(
            () -> sfn.createActivity(b -> b.name(LocalStack.uniqueName("crowded")).tags(fiftyOne)))
        .isInstanceOf(TooManyTagsException.class);
  }

  @Test
  void shouldRefuseTagRequestsAsStepFunctionsDoes() {
    String activity =
        sfn.createActivity(b -> b.name(LocalStack.uniqueName("checked"))).activityArn();
    String missing = "arn:aws:states:us-east-1:000000000000:stateMachine:never-created";

    assertThatThrownBy(() -> sfn.listTagsForResource(b -> b.resourceArn(missing)))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class, e -> assertThat(e.resourceName()).isEqualTo(missing));
    assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(missing).tags(tag("a", "b"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.untagResource(b -> b.resourceArn(missing).tagKeys("a")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.listTagsForResource(b -> b.resourceArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () ->
                sfn.tagResource(
                    b ->
                        b.resourceArn("arn:aws:states:us-east-1:000000000000:execution:m:e")
                            .tags(tag("a", "b"))))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k".repeat(129), "v"))))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("tags.1.member.key");
            });
    assertThatThrownBy(
            () -> sfn.tagResource(b -> b.resourceArn(activity).tags(tag("k", "v".repeat(257)))))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThat(tagsOf(activity)).isEmpty();
  }
}
