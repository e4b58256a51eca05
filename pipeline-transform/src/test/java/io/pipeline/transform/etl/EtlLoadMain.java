package io.pipeline.transform.etl;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.localstack.s3.S3Endpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads one object in its own JVM, for tests that bound its heap or kill it mid-object. Arguments:
 * bucket, key, ETag, format; Kafka, S3 and the ETL settings come from the environment. Prints
 * {@code heartbeat} as the load goes on, then {@code RESULT <the load's JSON>} and {@code HEAP
 * <max> <peak used>} in bytes.
 */
public final class EtlLoadMain {

  private EtlLoadMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    KafkaSettings kafka = KafkaSettings.from(settings);
    EtlConfig config = EtlConfig.from(settings);
    ObjectRef object = new ObjectRef(args[0], args[1], Optional.of(args[2]), Optional.empty());
    try (S3Client s3 = S3Endpoint.fromEnvironment(System.getenv()).orElseThrow().newClient()) {
      Clock clock = Clock.systemUTC();
      TransformStage transform = new TransformStage(s3, kafka, config, clock);
      Heartbeats heartbeats =
          new Heartbeats(() -> System.out.println("heartbeat"), config.heartbeatInterval(), clock);
      LoadResult result = transform.load(object, DataFormat.valueOf(args[3]), heartbeats);
      System.out.println("RESULT " + result.toJson());
    }
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getPeakUsage)
            .mapToLong(usage -> usage.getUsed())
            .sum();
    System.out.println("HEAP " + Runtime.getRuntime().maxMemory() + " " + peak);
    System.out.flush();
  }
}
