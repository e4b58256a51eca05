package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.orchestrator.machines.TagCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The tagging actions (TagResource, UntagResource, ListTagsForResource), and the tags of resources
 * being created and deleted. Changes of one instance are made one at a time, so two requests adding
 * tags to one resource do not lose either's.
 */
final class TagActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TagCatalog catalog;
  private final TaggableResources resources;

  TagActions(TagCatalog catalog, TaggableResources resources) {
    this.catalog = catalog;
    this.resources = resources;
  }

  JsonNode tag(JsonNode input) {
    String arn = Fields.required(input, "resourceArn");
    Instant createdAt = resources.existing(arn);
    if (!input.hasNonNull("tags")) {
      throw Fields.missing("tags");
    }
    Map<String, String> added = TagRules.tags(input, "tags");
    synchronized (this) {
      Map<String, String> tags = TagRules.merged(catalog.tags(arn, createdAt), added);
      TagRules.checkCount(tags, arn);
      catalog.put(arn, createdAt, tags);
    }
    return JSON.createObjectNode();
  }

  JsonNode untag(JsonNode input) {
    String arn = Fields.required(input, "resourceArn");
    Instant createdAt = resources.existing(arn);
    List<String> keys = TagRules.keys(input);
    synchronized (this) {
      Map<String, String> tags = catalog.tags(arn, createdAt);
      if (tags.keySet().removeAll(keys)) {
        catalog.put(arn, createdAt, tags);
      }
    }
    return JSON.createObjectNode();
  }

  JsonNode list(JsonNode input) {
    String arn = Fields.required(input, "resourceArn");
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode tags = answer.putArray("tags");
    catalog
        .tags(arn, resources.existing(arn))
        .forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
    return answer;
  }

  /**
   * The tags a create request gives ({@code tags}), checked before the resource is created.
   *
   * @param name the resource's name, for the error
   */
  static Map<String, String> requested(JsonNode input, String name) {
    Map<String, String> tags = TagRules.tags(input, "tags");
    TagRules.checkCount(tags, name);
    return tags;
  }

  /** A resource was created (or a create repeated) with these tags. */
  synchronized void created(String arn, Instant createdAt, Map<String, String> tags) {
    catalog.created(arn, createdAt, tags);
  }

  /** A resource was deleted: its tags go with it. */
  synchronized void deleted(String arn) {
    catalog.removed(arn);
  }
}
