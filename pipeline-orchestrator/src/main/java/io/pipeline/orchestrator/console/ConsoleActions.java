package io.pipeline.orchestrator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.api.WaitingTaskListings;
import io.pipeline.orchestrator.overview.InstanceMeters;
import io.pipeline.orchestrator.overview.PipelineOverview;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The actions only the console has, run by {@link ConsoleApiBridge} before Step Functions' own:
 *
 * <ul>
 *   <li>{@code ListWaitingTasks}: the tasks waiting for a callback, with their tokens ({@link
 *       WaitingTaskListings});
 *   <li>{@code GetPipelineOverview}: the topics, dead letters and consumer groups' lag sampled from
 *       Kafka ({@link PipelineOverview}), with this instance's counts ({@link InstanceMeters})
 *       under {@code instance}.
 * </ul>
 *
 * <p>They are not Step Functions actions, and the SigV4-signed API does not answer them: AWS has no
 * such actions, an SDK could not call them, and every action that door answers means what it means
 * at AWS. They serve the console's pages, for signed-in users.
 */
final class ConsoleActions {

  static final String GET_PIPELINE_OVERVIEW = "GetPipelineOverview";

  private final WaitingTaskListings waitingTasks;
  private final PipelineOverview overview;
  private final InstanceMeters meters;

  ConsoleActions(
      WaitingTaskListings waitingTasks, PipelineOverview overview, InstanceMeters meters) {
    this.waitingTasks = waitingTasks;
    this.overview = overview;
    this.meters = meters;
  }

  /** The answer of a console action, or empty when the action is not one of these. */
  Optional<CompletableFuture<JsonNode>> answer(String action, byte[] body) {
    return switch (action) {
      case WaitingTaskListings.ACTION -> Optional.of(waitingTasks.list(body));
      case GET_PIPELINE_OVERVIEW -> {
        ObjectNode json = overview.toJson();
        json.set("instance", meters.toJson());
        yield Optional.of(CompletableFuture.completedFuture(json));
      }
      default -> Optional.empty();
    };
  }
}
