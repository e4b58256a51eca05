package io.pipeline.ingest.s3.notify;

import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.schemas.s3.S3EventSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads S3 event notifications from SQS queues (S3's {@code s3:ObjectCreated:*} → SQS) and writes
 * each event record as a raw {@code S3Notification} to Kafka. A message is deleted from its queue
 * only after Kafka acknowledged every record of it, so a crash or a Kafka outage delays messages
 * but loses none; a message may then be written twice, and the deduplication step removes the copy.
 * A message that is no S3 notification goes to the dead-letter topic and is deleted once that is
 * acknowledged; {@code s3:TestEvent}s are deleted.
 *
 * <p>One thread per queue, long-polling; stopping lets the current batch finish.
 */
public final class SqsNotificationBridge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SqsNotificationBridge.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final S3NotificationConfig config;
  private final SqsClient sqs;
  private final NotificationPublisher publisher;
  private final ExecutorService threads;
  private final AtomicInteger busy = new AtomicInteger();
  private volatile boolean stopped;

  /**
   * @param config the queues and how to read them
   * @param sqs the SQS client; the bridge does not close it
   * @param publisher where the records go; the bridge does not close it
   */
  public SqsNotificationBridge(
      S3NotificationConfig config, SqsClient sqs, NotificationPublisher publisher) {
    this.config = config;
    this.sqs = sqs;
    this.publisher = publisher;
    this.threads =
        Executors.newFixedThreadPool(
            Math.max(1, config.queueUrls().size() * config.readers()),
            DaemonThreads.named("sqs-notifications"));
  }

  /** Starts reading every configured queue. */
  public void start() {
    // Several readers per queue: each waits for Kafka's acknowledgement before it deletes its
    // messages, so one reader alone would leave the queue idle for a round trip per batch.
    for (String queueUrl : config.queueUrls()) {
      for (int i = 0; i < config.readers(); i++) {
        threads.submit(() -> read(queueUrl));
      }
    }
    log.info(
        "SQS notification bridge reading {} ({} readers each, visibility timeout {})",
        config.queueUrls(),
        config.readers(),
        config.visibilityTimeout());
  }

  private void read(String queueUrl) {
    String problem = null;
    while (!stopped) {
      try {
        List<Message> messages =
            sqs.receiveMessage(
                    b ->
                        b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds((int) config.waitTime().toSeconds())
                            .visibilityTimeout((int) config.visibilityTimeout().toSeconds())
                            .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
        if (problem != null) {
          log.info("Queue {} can be read again", queueUrl);
          problem = null;
        }
        if (messages.isEmpty()) {
          continue;
        }
        if (stopped) {
          release(queueUrl, messages);
          return;
        }
        busy.incrementAndGet();
        try {
          delete(queueUrl, handle(queueUrl, messages));
        } finally {
          busy.decrementAndGet();
        }
      } catch (SdkException e) {
        if (stopped) {
          return; // closing interrupted the receive: nothing is wrong with the queue
        }
        if (!e.getMessage().equals(problem)) {
          log.warn("Cannot read SQS queue {}: {}; retrying", queueUrl, e.getMessage());
          problem = e.getMessage();
        }
        pause();
      } catch (RuntimeException e) {
        log.error("SQS notification bridge failed on queue {}; retrying", queueUrl, e);
        pause();
      }
    }
  }

  /** Writes the messages' records and returns the messages Kafka fully acknowledged. */
  private List<Message> handle(String queueUrl, List<Message> messages) {
    List<CompletableFuture<Message>> written = new ArrayList<>();
    for (Message message : messages) {
      byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
      NotificationJson.Message content = NotificationJson.parseMessage(body);
      CompletableFuture<Void> acked;
      if (content instanceof NotificationJson.Events events) {
        acked =
            publisher.publish(
                S3EventSource.SQS_NOTIFICATION, message.messageId(), events.records());
      } else if (content instanceof NotificationJson.Malformed malformed) {
        log.warn(
            "SQS message {} on {} is no S3 notification: {}",
            message.messageId(),
            queueUrl,
            malformed.reason());
        acked =
            publisher.deadLetter(
                S3EventSource.SQS_NOTIFICATION,
                message.messageId(),
                queueUrl,
                malformed.reason(),
                body,
                attributes(message));
      } else {
        acked = CompletableFuture.completedFuture(null);
      }
      written.add(acked.thenApply(done -> message));
    }
    List<Message> done = new ArrayList<>();
    for (CompletableFuture<Message> future : written) {
      try {
        done.add(future.join());
      } catch (CompletionException e) {
        // Left in the queue: it becomes visible again after the visibility timeout.
        log.warn(
            "Kafka did not acknowledge a notification from {}: {}",
            queueUrl,
            e.getCause().toString());
      }
    }
    return done;
  }

  /** Messages received while stopping: visible again at once, for the next reader. */
  private void release(String queueUrl, List<Message> messages) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(String.valueOf(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .visibilityTimeout(0)
              .build());
    }
    try {
      sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
    } catch (SdkException e) {
      log.info(
          "{} messages of {} received while stopping come again after their visibility timeout",
          messages.size(),
          queueUrl);
    }
  }

  private void delete(String queueUrl, List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(String.valueOf(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    DeleteMessageBatchResponse response =
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    // A failed delete means a second delivery, which the deduplication step absorbs.
    response
        .failed()
        .forEach(
            f ->
                log.warn(
                    "SQS message {} on {} was written to Kafka but not deleted ({}: {}); it will"
                        + " come again",
                    messages.get(Integer.parseInt(f.id())).messageId(),
                    queueUrl,
                    f.code(),
                    f.message()));
  }

  private static Map<String, String> attributes(Message message) {
    Map<String, String> attributes = new java.util.HashMap<>();
    message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
    attributes.put("MessageId", message.messageId());
    return attributes;
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /** Stops reading; the batch in hand is finished first (written and deleted). */
  @Override
  public void close() {
    // Batches being written finish (their messages are deleted once Kafka has them); readers
    // waiting in a long poll are not waited for: they are daemons, and what a poll returns from
    // now on is released to the queue at once.
    stopped = true;
    threads.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (busy.get() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      threads.awaitTermination(500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.shutdownNow();
  }
}
