package io.pipeline.orchestrator.integrations.aws;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The HTTP clients of the integrations' AWS SDK clients, on one group of event loops of daemon
 * threads. A client closes a group it made itself gracefully (Netty waits a quiet period of
 * seconds, more on a loaded machine), which held a stopping service back; a group it was given it
 * leaves alone, and these threads end with the process.
 */
final class SdkHttpClients {

  private static final SdkEventLoopGroup GROUP =
      SdkEventLoopGroup.create(
          new NioEventLoopGroup(
              Math.max(2, Runtime.getRuntime().availableProcessors()),
              new DefaultThreadFactory("aws-sdk-io", true)));

  private SdkHttpClients() {}

  static SdkEventLoopGroup group() {
    return GROUP;
  }

  /**
   * The HTTP client of an integration's SDK client: on these event loops, connecting within ten
   * seconds, reading and writing within the call's timeout (a synchronous invocation answers only
   * when its function returns).
   */
  static NettyNioAsyncHttpClient.Builder httpClient(Duration callTimeout) {
    return NettyNioAsyncHttpClient.builder()
        .eventLoopGroup(GROUP)
        .connectionTimeout(Duration.ofSeconds(10))
        .readTimeout(callTimeout)
        .writeTimeout(callTimeout);
  }
}
