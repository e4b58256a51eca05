package io.pipeline.orchestrator.integrations.aws;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The event loops of the orchestrator's AWS SDK clients, one group for all, of daemon threads. A
 * client closes a group it made itself gracefully (Netty waits a quiet period of seconds, more on a
 * loaded machine), which held a stopping service back; a group it was given it leaves alone, and
 * these threads end with the process.
 */
final class SharedEventLoops {

  private static final SdkEventLoopGroup GROUP =
      SdkEventLoopGroup.create(
          new NioEventLoopGroup(
              Math.max(2, Runtime.getRuntime().availableProcessors()),
              new DefaultThreadFactory("aws-sdk-io", true)));

  private SharedEventLoops() {}

  static SdkEventLoopGroup group() {
    return GROUP;
  }
}
