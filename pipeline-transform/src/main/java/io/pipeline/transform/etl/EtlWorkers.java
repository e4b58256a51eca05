package io.pipeline.transform.etl;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.TaskHandler;
import io.pipeline.client.worker.WorkerGroup;
import io.pipeline.client.worker.WorkerStats;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.schemas.topic.TopicAdmin;
import io.pipeline.schemas.topic.TopicSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch ETL workers: one {@link ActivityWorker} for each of the activities {@value #VALIDATE},
 * {@value #TRANSFORM} and {@value #CATALOG}, which the state machine {@code
 * examples/s3-batch-etl/etl.asl.json} calls (decision 0032). Starting them creates the rows topic
 * (compacted, keyed by row id) and the events topic if missing, and publishes the rows' schema on
 * the schema topic, so that any reader resolves it by fingerprint.
 *
 * <pre>{@code
 * try (EtlWorkers workers =
 *     EtlWorkers.start(KafkaSettings.from(settings), s3, EtlConfig.from(settings))) {
 *   ...
 * }
 * }</pre>
 */
public final class EtlWorkers implements AutoCloseable {

  /** The activity that decides whether an object is loaded. */
  public static final String VALIDATE = "etl-validate";

  /** The activity that loads an object's rows. */
  public static final String TRANSFORM = "etl-transform";

  /** The activity that writes a load's manifest. */
  public static final String CATALOG = "etl-catalog";

  private final WorkerGroup workers;

  private EtlWorkers(WorkerGroup workers) {
    this.workers = workers;
  }

  /**
   * Prepares the topics and the schema, then starts the three workers.
   *
   * @param kafka how to reach Kafka (the pipeline's topics must exist: {@code PipelineKafka})
   * @param s3 the client objects are read and written with; the caller closes it after the workers
   * @param config the workers' settings
   */
  public static EtlWorkers start(KafkaSettings kafka, S3Client s3, EtlConfig config) {
    return start(kafka, s3, config, Clock.systemUTC());
  }

  static EtlWorkers start(KafkaSettings kafka, S3Client s3, EtlConfig config, Clock clock) {
    prepare(kafka, config);
    WorkerGroup workers = new WorkerGroup(kafka, "Batch ETL workers");
    try {
      workers.start(VALIDATE, 4, new ValidateStage(s3, config));
      workers.start(TRANSFORM, config.concurrency(), new TransformStage(s3, kafka, config, clock));
      workers.start(CATALOG, 4, new CatalogStage(s3, config, clock));
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
    return new EtlWorkers(workers);
  }

  /**
   * The transform activity's handler alone, its topics prepared: for a benchmark that measures the
   * load of one object without an orchestrator.
   */
  public static TaskHandler transformHandler(KafkaSettings kafka, S3Client s3, EtlConfig config) {
    prepare(kafka, config);
    return new TransformStage(s3, kafka, config, Clock.systemUTC());
  }

  /** Creates the rows and events topics if missing and publishes the rows' schema. */
  static void prepare(KafkaSettings kafka, EtlConfig config) {
    List<Topic<?, ?>> topics =
        List.of(
            new PipelineTopics(SchemaCatalog.builtIn()).schemas(),
            rowsTopic(config),
            new Topic<>(
                config.eventsTopic(),
                Serdes.String(),
                Serdes.String(),
                Optional.empty(),
                TopicSpec.retained(3)));
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      new TopicAdmin(admin).ensure(topics, config.replicationFactor());
    }
    try (SchemaTopic schemas = new SchemaTopic(kafka.clientConfig(Map.of()), new SchemaCatalog())) {
      schemas.publish(List.of(config.schema()));
    }
  }

  /** The rows topic: compacted, so that a row loaded again keeps one record per id. */
  static Topic<String, byte[]> rowsTopic(EtlConfig config) {
    return new Topic<>(
        config.rowsTopic(),
        Serdes.String(),
        Serdes.ByteArray(),
        Optional.of(config.schema()),
        TopicSpec.compacted(config.rowsPartitions()));
  }

  /** What each worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    return workers.stats();
  }

  @Override
  public void close() {
    workers.close();
  }
}
