package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Checks each reading against its device's limits ({@link DeviceRecord#getLimits()}, by metric):
 * above {@code max}, below {@code min}, or changing faster than {@code maxChangePerMinute} since
 * the device's latest earlier reading of the metric. That latest reading is kept per device and
 * metric in a store of the device's stream task; a reading older than it (out of order) is checked
 * against the limits but not against the rate, and does not replace it.
 */
final class DeviceAlerts
    implements FixedKeyProcessor<String, TelemetryTopology.Registered, TelemetryAlert> {

  static final String ABOVE_MAX = "ABOVE_MAX";
  static final String BELOW_MIN = "BELOW_MIN";
  static final String RATE_OF_CHANGE = "RATE_OF_CHANGE";

  private final String storeName;
  private FixedKeyProcessorContext<String, TelemetryAlert> context;
  private KeyValueStore<String, String> latest;

  DeviceAlerts(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TelemetryAlert> context) {
    this.context = context;
    this.latest = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, TelemetryTopology.Registered> record) {
    TelemetryReading reading = record.value().reading();
    DeviceRecord device = record.value().device();
    String key = reading.getDeviceId() + "/" + reading.getMetric();
    long time = reading.getEventTime().toEpochMilli();
    double value = reading.getValue();
    String previous = latest.get(key);
    String[] last = previous == null ? null : previous.split(" ");
    long previousTime = last == null ? Long.MIN_VALUE : Long.parseLong(last[0]);
    if (time >= previousTime) {
      latest.put(key, time + " " + value);
    }
    MetricLimits limits = device == null ? null : device.getLimits().get(reading.getMetric());
    if (limits == null) {
      return;
    }
    if (limits.getMax() != null && value > limits.getMax()) {
      alert(record, reading, ABOVE_MAX, value, limits.getMax(), "is above the maximum");
    }
    if (limits.getMin() != null && value < limits.getMin()) {
      alert(record, reading, BELOW_MIN, value, limits.getMin(), "is below the minimum");
    }
    if (limits.getMaxChangePerMinute() != null && previous != null && time > previousTime) {
      double minutes = (time - previousTime) / 60_000.0;
      double rate = Math.abs(value - Double.parseDouble(last[1])) / minutes;
      if (rate > limits.getMaxChangePerMinute()) {
        alert(
            record,
            reading,
            RATE_OF_CHANGE,
            rate,
            limits.getMaxChangePerMinute(),
            "changes per minute by more than");
      }
    }
  }

  private void alert(
      FixedKeyRecord<String, TelemetryTopology.Registered> record,
      TelemetryReading reading,
      String kind,
      double value,
      double limit,
      String words) {
    String site = reading.getAttributes().get("site");
    TelemetryAlert alert =
        TelemetryAlert.newBuilder()
            .setAlertId(reading.getReadingId() + "/" + kind)
            .setDeviceId(reading.getDeviceId())
            .setSite(site)
            .setMetric(reading.getMetric())
            .setKind(kind)
            .setValue(value)
            .setLimit(limit)
            .setReadingId(reading.getReadingId())
            .setEventTime(reading.getEventTime())
            .setMessage(
                reading.getMetric()
                    + " of "
                    + reading.getDeviceId()
                    + (site == null ? "" : " at " + site)
                    + " "
                    + (RATE_OF_CHANGE.equals(kind)
                        ? words + " " + limit + " (" + value + ")"
                        : value + " " + words + " " + limit))
            .build();
    context.forward(record.withValue(alert));
  }

  /** A reading with what the registry says of its device: site and attributes added. */
  static TelemetryReading enriched(TelemetryReading reading, DeviceRecord device) {
    if (device == null) {
      return reading;
    }
    Map<String, String> attributes = new HashMap<>(device.getAttributes());
    if (device.getSite() != null) {
      attributes.put("site", device.getSite());
    }
    attributes.putAll(reading.getAttributes());
    return TelemetryReading.newBuilder(reading).setAttributes(attributes).build();
  }
}
