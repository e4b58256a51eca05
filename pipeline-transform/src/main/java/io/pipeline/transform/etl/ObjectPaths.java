package io.pipeline.transform.etl;

import java.util.Optional;

/**
 * Where the load of an object writes: under {@code curated/}, {@code quarantine/} and {@code
 * catalog/}, at the object's path (its key without the input prefix), so {@code
 * incoming/2026/orders.csv} gives {@code curated/2026/orders.csv.avro}, {@code
 * quarantine/2026/orders.csv.errors.jsonl} and {@code catalog/2026/orders.csv.manifest.json}. The
 * file name keeps its extension, so {@code orders.csv} and {@code orders.jsonl} do not collide.
 *
 * @param bucket the bucket the load writes to
 * @param curatedKey the Avro container file of the good rows
 * @param quarantineKey the report of the rows that were not loaded, one JSON line each
 * @param manifestKey the manifest written once the load is done
 */
record ObjectPaths(String bucket, String curatedKey, String quarantineKey, String manifestKey) {

  static final String CURATED = "curated/";
  static final String QUARANTINE = "quarantine/";
  static final String CATALOG = "catalog/";

  static ObjectPaths of(
      String bucket, String key, String inputPrefix, Optional<String> outputBucket) {
    String path =
        !inputPrefix.isEmpty() && key.startsWith(inputPrefix) && key.length() > inputPrefix.length()
            ? key.substring(inputPrefix.length())
            : key;
    return new ObjectPaths(
        outputBucket.orElse(bucket),
        CURATED + path + ".avro",
        QUARANTINE + path + ".errors.jsonl",
        CATALOG + path + ".manifest.json");
  }
}
