package io.pipeline.orchestrator.integrations.aws;

import io.pipeline.orchestrator.integrations.TaskFailure;

/**
 * The failures of a Map's ItemReader that are not S3's own, named as Step Functions names them:
 * {@code States.ItemReaderFailed}, with a cause that says what is wrong and where.
 */
final class ItemReaderFailures {

  /** Step Functions' name for a Map whose items could not be read. */
  static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

  private ItemReaderFailures() {}

  static TaskFailure failed(String cause) {
    return new TaskFailure(ITEM_READER_FAILED, cause);
  }
}
