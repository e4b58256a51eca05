package io.pipeline.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final IngestMetrics metrics = new IngestMetrics(registry);

  @Test
  void shouldExportEverySourceUnderOneNameWhateverTagsItAdds() {
    metrics.messagesIn("http", IngestMetrics.topic("orders")).increment(3);
    metrics.messagesIn("mqtt", IngestMetrics.mapping("devices")).increment();
    metrics.errors("sqs", "invalid", Tags.empty()).increment();
    metrics.deadLetters("mqtt", IngestMetrics.mapping("devices")).increment();
    metrics.kafkaAck("http", Tags.empty()).record(Duration.ofMillis(5));

    assertThat(registry.scrape().lines())
        .contains(
            "pipeline_ingest_messages_in_total{mapping=\"\",source=\"http\",topic=\"orders\"} 3.0",
            "pipeline_ingest_messages_in_total{mapping=\"devices\",source=\"mqtt\",topic=\"\"} 1.0",
            "pipeline_ingest_errors_total{mapping=\"\",reason=\"invalid\",source=\"sqs\",topic=\"\"}"
                + " 1.0",
            "pipeline_ingest_dead_letters_total{mapping=\"devices\",source=\"mqtt\",topic=\"\"}"
                + " 1.0",
            "pipeline_ingest_kafka_ack_seconds_count{mapping=\"\",source=\"http\",topic=\"\"} 1");
  }

  @Test
  void shouldShareOneInFlightGaugePerSourceAndTags() {
    metrics.inFlight("mqtt", Tags.empty()).addAndGet(2);
    metrics.inFlight("mqtt", Tags.empty()).incrementAndGet();

    assertThat(registry.scrape().lines())
        .contains("pipeline_ingest_in_flight{mapping=\"\",source=\"mqtt\",topic=\"\"} 3.0");
  }

  @Test
  void shouldRefuseTagsOutsideTheSharedSet() {
    assertThatThrownBy(() -> metrics.messagesIn("http", Tags.of("device", "d1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[topic, mapping], not 'device'");
  }
}
