package io.pipeline.ingest.mqtt;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the MQTT client's messages to the bridge at most {@code limit} at a time: a message takes a
 * credit when it arrives and gives it back once Kafka has completed its send. The limit is the
 * bridge's own, through Reactive Streams demand, and not the broker's: a broker that sends past a
 * client's Receive Maximum (Mosquitto 2.0.11 does, under load) makes the client drop the
 * connection, and every reconnection then fails the same way. Messages beyond the limit wait in the
 * client, unacknowledged (decision 0042).
 */
final class Credits implements Subscriber<Mqtt5Publish> {

  private static final Logger log = LoggerFactory.getLogger(Credits.class);

  private final int limit;
  private final Consumer<Mqtt5Publish> bridge;
  private Subscription subscription;

  /**
   * @param limit messages handed to the bridge and not yet given back, at most
   * @param bridge what each message is handed to, on the MQTT client's thread
   */
  Credits(int limit, Consumer<Mqtt5Publish> bridge) {
    this.limit = limit;
    this.bridge = bridge;
  }

  @Override
  public synchronized void onSubscribe(Subscription subscription) {
    this.subscription = subscription;
    subscription.request(limit);
  }

  @Override
  public void onNext(Mqtt5Publish publish) {
    bridge.accept(publish);
  }

  /** Kafka has completed the sends of {@code count} messages: as many more may come. */
  synchronized void giveBack(int count) {
    // Reactive Streams asks for calls to request to be serial: Kafka's callbacks and the MQTT
    // client's listeners give credits back on different threads.
    if (count > 0 && subscription != null) {
      subscription.request(count);
    }
  }

  @Override
  public void onError(Throwable error) {
    log.error("The MQTT client stopped delivering messages to the bridge", error);
  }

  @Override
  public void onComplete() {
    log.info("The MQTT client delivers no more messages to the bridge");
  }
}
