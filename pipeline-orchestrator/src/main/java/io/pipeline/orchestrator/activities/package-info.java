/**
 * GetActivityTask's long polls: per activity, a consumer in the activity's worker group hands the
 * tasks it reads to the polls waiting on this instance, without a thread per poll.
 */
package io.pipeline.orchestrator.activities;
