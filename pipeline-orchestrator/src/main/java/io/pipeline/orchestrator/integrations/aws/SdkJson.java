package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between Step Functions' JSON for AWS SDK tasks and the AWS SDK's model objects, through
 * the members the SDK itself describes ({@link SdkField}): a parameter or result field is named
 * after the API's member in PascalCase ({@code Bucket}, {@code MaxKeys}, {@code ETag}), numbers and
 * booleans stay JSON numbers and booleans, timestamps are ISO-8601 texts in UTC with milliseconds,
 * binary values base64 text. Result fields come in alphabetical order, as AWS gives them.
 */
final class SdkJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SdkJson() {}

  /** A model object (a response, or part of one) as JSON; members without a value are left out. */
  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = JSON.objectNode();
    List<SdkField<?>> fields = new ArrayList<>(pojo.sdkFields());
    fields.sort(Comparator.comparing(SdkField::memberName));
    for (SdkField<?> field : fields) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null) {
        out.set(field.memberName(), valueToJson(field, value));
      }
    }
    return out;
  }

  private static JsonNode valueToJson(SdkField<?> field, Object value) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
      ArrayNode array = JSON.arrayNode();
      for (Object item : (List<?>) value) {
        array.add(item == null ? JSON.nullNode() : valueToJson(member, item));
      }
      return array;
    }
    if (type == MarshallingType.MAP) {
      SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
      ObjectNode map = JSON.objectNode();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        Object item = entry.getValue();
        map.set(
            String.valueOf(entry.getKey()),
            item == null ? JSON.nullNode() : valueToJson(member, item));
      }
      return map;
    }
    if (value instanceof SdkPojo) {
      return toJson((SdkPojo) value);
    }
    return scalarToJson(value);
  }

  private static JsonNode scalarToJson(Object value) {
    if (value instanceof String) {
      return JSON.textNode((String) value);
    }
    if (value instanceof Integer || value instanceof Short) {
      return JSON.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long) {
      return JSON.numberNode((Long) value);
    }
    if (value instanceof Float || value instanceof Double) {
      return JSON.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof java.math.BigDecimal) {
      return JSON.numberNode((java.math.BigDecimal) value);
    }
    if (value instanceof Boolean) {
      return JSON.booleanNode((Boolean) value);
    }
    if (value instanceof Instant) {
      return JSON.textNode(TIMESTAMP.format((Instant) value));
    }
    if (value instanceof SdkBytes) {
      return JSON.textNode(
          java.util.Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
    }
    return JSON.textNode(String.valueOf(value));
  }

  /**
   * Where the SDK's members differ from the API's (the SDK's own customizations): tasks use the
   * API's names.
   *
   * @param renamed the API's name of a member to the SDK's
   * @param sdkOnly members the SDK adds that the API does not have
   * @param required members (API names) the API requires where the SDK lost the requirement
   */
  record ApiMembers(Map<String, String> renamed, Set<String> sdkOnly, Set<String> required) {

    static final ApiMembers SAME = new ApiMembers(Map.of(), Set.of(), Set.of());

    private String apiName(String sdkName) {
      return renamed.entrySet().stream()
          .filter(e -> e.getValue().equals(sdkName))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(sdkName);
    }
  }

  /**
   * Sets the members the parameters name on a request builder.
   *
   * @param builder the request's builder
   * @param parameters the task's parameters
   * @param handledElsewhere parameter names the caller takes itself (e.g. {@code Body})
   * @param members where the SDK's members differ from the API's
   * @param problems where each problem found is added, as AWS words it
   */
  static void setMembers(
      SdkPojo builder,
      JsonNode parameters,
      Set<String> handledElsewhere,
      ApiMembers members,
      List<String> problems) {
    setMembers(builder, parameters, handledElsewhere, members, "", problems);
  }

  private static void setMembers(
      SdkPojo builder,
      JsonNode parameters,
      Set<String> handledElsewhere,
      ApiMembers members,
      String path,
      List<String> problems) {
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      if (!members.sdkOnly().contains(field.memberName())) {
        fields.put(members.apiName(field.memberName()), field);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> entries = parameters.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String name = entry.getKey();
      if (handledElsewhere.contains(name) || entry.getValue().isNull()) {
        continue;
      }
      SdkField<?> field = fields.get(name);
      if (field == null) {
        problems.add("The field \"" + path + name + "\" is not supported by Step Functions");
        continue;
      }
      Object value = fromJson(field, entry.getValue(), path + name, problems);
      if (value != null) {
        field.set(builder, value);
      }
    }
    for (Map.Entry<String, SdkField<?>> field : fields.entrySet()) {
      String name = field.getKey();
      JsonNode given = parameters.get(name);
      boolean required =
          field.getValue().containsTrait(RequiredTrait.class, TraitType.REQUIRED_TRAIT)
              || members.required().contains(name);
      if (required && (given == null || given.isNull()) && !handledElsewhere.contains(name)) {
        problems.add("The field \"" + path + name + "\" is required");
      }
    }
  }

  /** The SDK value for a JSON value, or null with a problem added when it does not fit. */
  private static Object fromJson(
      SdkField<?> field, JsonNode node, String path, List<String> problems) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      return node.isTextual() ? node.textValue() : wrongType(path, "a STRING", problems);
    }
    if (type == MarshallingType.INTEGER) {
      return node.isIntegralNumber() && node.canConvertToInt()
          ? node.intValue()
          : wrongType(path, "an INTEGER", problems);
    }
    if (type == MarshallingType.LONG) {
      return node.isIntegralNumber() && node.canConvertToLong()
          ? node.longValue()
          : wrongType(path, "a LONG", problems);
    }
    if (type == MarshallingType.DOUBLE) {
      return node.isNumber() ? node.doubleValue() : wrongType(path, "a DOUBLE", problems);
    }
    if (type == MarshallingType.FLOAT) {
      return node.isNumber() ? node.floatValue() : wrongType(path, "a FLOAT", problems);
    }
    if (type == MarshallingType.BOOLEAN) {
      return node.isBoolean() ? node.booleanValue() : wrongType(path, "a BOOLEAN", problems);
    }
    if (type == MarshallingType.INSTANT) {
      return instant(node, path, problems);
    }
    if (type == MarshallingType.LIST) {
      return list(field, node, path, problems);
    }
    if (type == MarshallingType.MAP) {
      return map(field, node, path, problems);
    }
    if (type == MarshallingType.SDK_POJO) {
      if (!node.isObject()) {
        return wrongType(path, "an OBJECT", problems);
      }
      SdkPojo nested = field.constructor().get();
      setMembers(nested, node, Set.of(), ApiMembers.SAME, path + ".", problems);
      return ((SdkBuilder<?, ?>) nested).build();
    }
    problems.add("The field \"" + path + "\" is not supported by this integration");
    return null;
  }

  private static Object instant(JsonNode node, String path, List<String> problems) {
    if (node.isNumber()) {
      return Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
    }
    if (node.isTextual()) {
      try {
        return java.time.OffsetDateTime.parse(node.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        return wrongType(path, "a TIMESTAMP (ISO-8601, e.g. 2024-01-31T12:00:00Z)", problems);
      }
    }
    return wrongType(path, "a TIMESTAMP", problems);
  }

  private static Object list(SdkField<?> field, JsonNode node, String path, List<String> problems) {
    if (!node.isArray()) {
      return wrongType(path, "a LIST", problems);
    }
    SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(fromJson(member, node.get(i), path + "[" + i + "]", problems));
    }
    return items;
  }

  private static Object map(SdkField<?> field, JsonNode node, String path, List<String> problems) {
    if (!node.isObject()) {
      return wrongType(path, "a MAP", problems);
    }
    SdkField<?> member = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT).valueFieldInfo();
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(), fromJson(member, e.getValue(), path + "." + e.getKey(), problems)));
    return values;
  }

  private static Object wrongType(String path, String expected, List<String> problems) {
    problems.add("The value for the field \"" + path + "\" must be " + expected);
    return null;
  }
}
