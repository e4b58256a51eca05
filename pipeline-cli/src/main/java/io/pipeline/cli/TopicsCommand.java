package io.pipeline.cli;

import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.TopicAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./pipeline topics}: the cluster's topics with partitions, record counts and formats. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "List the topics with their partitions, record counts and value formats.")
final class TopicsCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    List<TopicAdmin.TopicSummary> topics;
    try (Admin admin = kafka.admin()) {
      topics = new TopicAdmin(admin).describeAll();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw kafka.unreachable(e.getCause());
      }
      throw new UserException("Cannot list topics: " + e.getCause().getMessage(), e.getCause());
    }
    PipelineTopics known = new PipelineTopics(SchemaCatalog.builtIn());
    PrintWriter out = spec.commandLine().getOut();
    int width = topics.stream().mapToInt(t -> t.name().length()).max().orElse(5);
    String row = "%-" + width + "s  %10s  %10s  %s%n";
    out.printf(row, "TOPIC", "PARTITIONS", "RECORDS", "FORMAT");
    for (TopicAdmin.TopicSummary topic : topics) {
      String format =
          known
              .find(topic.name())
              .flatMap(t -> t.valueSchema().map(s -> "avro " + s.getFullName()))
              .orElse("bytes");
      out.printf(row, topic.name(), topic.partitions(), topic.records(), format);
    }
    out.println(
        "RECORDS is the offset span (end minus start offset): transaction markers and records"
            + " compaction removed are counted too.");
    out.flush();
    return 0;
  }
}
