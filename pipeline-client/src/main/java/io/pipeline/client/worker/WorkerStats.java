package io.pipeline.client.worker;

/**
 * What a worker has done so far.
 *
 * @param received task requests received (a redelivered request counts again)
 * @param succeeded results sent as successes
 * @param failed results sent as failures
 * @param refused results the runtime refused: the task had its result already (a redelivery), timed
 *     out, or its execution closed
 */
public record WorkerStats(long received, long succeeded, long failed, long refused) {}
