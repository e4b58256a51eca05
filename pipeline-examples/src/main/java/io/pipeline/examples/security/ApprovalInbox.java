package io.pipeline.examples.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * An approver's inbox: the approval requests of {@value IncidentResponse#APPROVALS_TOPIC}, read
 * from the topic's start, and the answers, sent through the Step Functions API with the request's
 * task token. A request is pending until it is answered here or its workflow stops waiting; an
 * answer given elsewhere (another inbox, the AWS CLI) does not show here, and answering such a
 * request again fails with the API's {@code TaskTimedOut}.
 */
public final class ApprovalInbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApprovalInbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final ConsumerLoop<String, String> reader;

  /** Requests by task token, in the order they were read; guarded by {@code this}. */
  private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();

  private ApprovalInbox(KafkaSettings kafka, Clock clock) {
    this.clock = clock;
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(
                Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false)),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(IncidentResponse.APPROVALS_TOPIC, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.reader =
        ConsumerLoop.start("approval-inbox", consumer, Duration.ofMillis(200), this::read);
  }

  /** Opens the inbox on the approvals topic, which must exist. */
  public static ApprovalInbox open(KafkaSettings kafka) {
    return new ApprovalInbox(kafka, Clock.systemUTC());
  }

  /** The requests waiting for an answer, oldest first. */
  public synchronized List<ApprovalRequest> pending() {
    Instant now = clock.instant();
    return requests.values().stream().filter(r -> r.expiresAt().isAfter(now)).toList();
  }

  /** Waits up to {@code timeout} for a pending request of the incident. */
  public Optional<ApprovalRequest> awaitRequest(String incidentId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        Optional<ApprovalRequest> found =
            pending().stream().filter(r -> r.incidentId().equals(incidentId)).findFirst();
        long left = deadline - System.nanoTime();
        if (found.isPresent() || left <= 0) {
          return found;
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  /**
   * Approves restoring the principal's access: SendTaskSuccess with {@code {"approved": true,
   * "approver": ...}}.
   *
   * @throws software.amazon.awssdk.services.sfn.model.TaskTimedOutException when the workflow no
   *     longer waits for this answer (answered already, timed out, or stopped)
   */
  public void approve(SfnClient sfn, ApprovalRequest request, String approver) {
    answer(sfn, request, decision(true, approver, Optional.empty()));
  }

  /**
   * Refuses to restore the principal's access, which keeps the restriction: SendTaskSuccess with
   * {@code {"approved": false, "approver": ..., "reason": ...}}.
   *
   * @throws software.amazon.awssdk.services.sfn.model.TaskTimedOutException when the workflow no
   *     longer waits for this answer
   */
  public void reject(SfnClient sfn, ApprovalRequest request, String approver, String reason) {
    answer(sfn, request, decision(false, approver, Optional.of(reason)));
  }

  private void answer(SfnClient sfn, ApprovalRequest request, ObjectNode decision) {
    sfn.sendTaskSuccess(b -> b.taskToken(request.taskToken()).output(decision.toString()));
    synchronized (this) {
      requests.remove(request.taskToken());
    }
  }

  private ObjectNode decision(boolean approved, String approver, Optional<String> reason) {
    ObjectNode decision = JSON.createObjectNode();
    decision.put("approved", approved);
    decision.put("approver", approver);
    reason.ifPresent(r -> decision.put("reason", r));
    decision.put("decidedAt", clock.instant().toString());
    return decision;
  }

  private void read(ConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return;
    }
    synchronized (this) {
      for (ConsumerRecord<String, String> record : records) {
        try {
          JsonNode json = JSON.readTree(record.value());
          ApprovalRequest request = ApprovalRequest.fromJson(json);
          requests.put(request.taskToken(), request);
        } catch (JsonProcessingException | DateTimeParseException e) {
          log.warn(
              "Skipped a record at {}-{}@{} that is not an approval request: {}",
              record.topic(),
              record.partition(),
              record.offset(),
              e.toString());
        }
      }
      notifyAll();
    }
  }

  /** Stops reading. */
  @Override
  public void close() {
    reader.close();
  }
}
