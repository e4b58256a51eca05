/**
 * The Amazon States Language engine: the model of a definition, validation, JSONPath and JSONata
 * evaluation, and a pure, deterministic interpreter. It imports nothing from Kafka and does no I/O,
 * so the Standard and Express runtimes and the streaming transforms all run the same engine. The
 * engine itself arrives with the next issue; this module fixes its place in the build.
 */
package io.pipeline.asl;
