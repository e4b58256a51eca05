package io.pipeline.orchestrator.machines;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.List;
import java.util.Optional;

/**
 * The runs of Distributed Map states, every instance seeing all of them: a {@link CompactedCatalog}
 * of the topic {@value PipelineTopics#MAP_RUNS}, which the runtime writes in the transaction of
 * each change of a run. What it shows trails the runtime by the moment the topic takes to read.
 */
public final class MapRunCatalog implements AutoCloseable {

  private final CompactedCatalog<MapRunRecord> catalog;

  public MapRunCatalog(KafkaSettings kafka, PipelineTopics topics) {
    this.catalog = new CompactedCatalog<>(kafka, topics.mapRuns(), "map-run-catalog");
  }

  /** The run of this ARN, as last recorded. */
  public Optional<MapRunRecord> get(String mapRunArn) {
    return catalog.get(mapRunArn);
  }

  /** The runs an execution started, in ARN order. */
  public List<MapRunRecord> of(String executionArn) {
    return catalog.all().values().stream()
        .filter(run -> run.getExecutionArn().equals(executionArn))
        .toList();
  }

  @Override
  public void close() {
    catalog.close();
  }
}
