package io.pipeline.transform.telemetry;

import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /** Latest readings kept as objects per task, the most recently used first. */
  static final int REMEMBERED = 10_000;

  private final String storeName;
  private FixedKeyProcessorContext<String, TelemetryAlert> context;
  private KeyValueStore<String, String> latest;

  /**
   * The latest readings this task read or wrote, as the store holds them, so that a device's next
   * reading needs no store lookup; emptied whenever the task (re)starts, when its store may have
   * been rolled back to its last commit.
   */
  private final Map<String, Latest> remembered =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Latest> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** A device's latest reading of a metric: its event time and value. */
  private record Latest(long time, double value) {

    static Latest parse(String stored) {
      int space = stored.indexOf(' ');
      return new Latest(
          Long.parseLong(stored.substring(0, space)),
          Double.parseDouble(stored.substring(space + 1)));
    }

    String stored() {
      return time + " " + value;
    }
  }

  DeviceAlerts(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TelemetryAlert> context) {
    this.context = context;
    this.latest = context.getStateStore(storeName);
    remembered.clear();
  }

  @Override
  public void close() {
    remembered.clear();
  }

  @Override
  public void process(FixedKeyRecord<String, TelemetryTopology.Registered> record) {
    TelemetryReading reading = record.value().reading();
    DeviceRecord device = record.value().device();
    String key = reading.getDeviceId() + "/" + reading.getMetric();
    long time = reading.getEventTime().toEpochMilli();
    double value = reading.getValue();
    Latest previous = remembered.get(key);
    if (previous == null) {
      String stored = latest.get(key);
      previous = stored == null ? null : Latest.parse(stored);
    }
    long previousTime = previous == null ? Long.MIN_VALUE : previous.time();
    if (time >= previousTime) {
      Latest now = new Latest(time, value);
      latest.put(key, now.stored());
      remembered.put(key, now);
    } else {
      remembered.put(key, previous);
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
      double rate = Math.abs(value - previous.value()) / minutes;
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
