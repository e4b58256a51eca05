package io.pipeline.transform.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class CsvColumnsTest {

  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema MILLIS =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema MICROS =
      LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema DATE =
      LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));

  @Test
  void shouldReadScalarsAsWritten() {
    assertThat(CsvColumns.value(" 42 ", Schema.create(Schema.Type.INT))).isEqualTo(42);
    assertThat(CsvColumns.value("-7", LONG)).isEqualTo(-7L);
    assertThat(CsvColumns.value("1.5", Schema.create(Schema.Type.FLOAT))).isEqualTo(1.5f);
    assertThat(CsvColumns.value("1e3", Schema.create(Schema.Type.DOUBLE))).isEqualTo(1000.0);
    assertThat(CsvColumns.value("TRUE", Schema.create(Schema.Type.BOOLEAN))).isEqualTo(true);
    assertThat(CsvColumns.value(" as is ", Schema.create(Schema.Type.STRING))).isEqualTo(" as is ");
    Schema currency = SchemaBuilder.enumeration("Currency").symbols("EUR", "USD");
    assertThat(CsvColumns.value("EUR", currency))
        .isEqualTo(new GenericData.EnumSymbol(currency, "EUR"));
  }

  @Test
  void shouldReadTimestampsAndDatesAsIsoTextOrEpochNumbers() {
    Instant at = Instant.parse("2026-01-31T12:00:00.123456Z");
    assertThat(CsvColumns.value("2026-01-31T12:00:00.123456Z", MILLIS))
        .isEqualTo(at.toEpochMilli());
    assertThat(CsvColumns.value("2026-01-31T13:00:00.123+01:00", MILLIS))
        .isEqualTo(at.toEpochMilli());
    assertThat(CsvColumns.value("1769860800123", MILLIS)).isEqualTo(1769860800123L);
    assertThat(CsvColumns.value("2026-01-31T12:00:00.123456Z", MICROS))
        .isEqualTo(1769860800123456L);
    assertThat(CsvColumns.value("2026-01-31", DATE))
        .isEqualTo((int) LocalDate.parse("2026-01-31").toEpochDay());
  }

  @Test
  void shouldReadEmptyValueAsNullWhenNullableAsEmptyStringForStringsAndMissingOtherwise() {
    Schema nullableInt = SchemaBuilder.unionOf().nullType().and().intType().endUnion();
    assertThat(CsvColumns.value("", nullableInt)).isNull();
    assertThat(CsvColumns.value("", Schema.create(Schema.Type.STRING))).isEqualTo("");
    assertThatThrownBy(() -> CsvColumns.value("", LONG)).hasMessage("the value is missing");
  }

  @Test
  void shouldSayWhatWasExpectedWhenValueDoesNotFit() {
    assertThatThrownBy(() -> CsvColumns.value("1.5", Schema.create(Schema.Type.INT)))
        .hasMessage("expected an integer, got '1.5'");
    assertThatThrownBy(() -> CsvColumns.value("yes", Schema.create(Schema.Type.BOOLEAN)))
        .hasMessage("expected true or false, got 'yes'");
    assertThatThrownBy(() -> CsvColumns.value("31/01/2026", DATE))
        .hasMessage("expected an ISO-8601 date such as 2026-01-31, got '31/01/2026'");
    assertThatThrownBy(() -> CsvColumns.value("GBP", SchemaBuilder.enumeration("C").symbols("EUR")))
        .hasMessage("expected one of [EUR], got 'GBP'");
  }

  @Test
  void shouldNameFieldsACsvValueCannotHold() {
    Schema schema =
        SchemaBuilder.record("R")
            .fields()
            .requiredString("name")
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .name("either")
            .type()
            .unionOf()
            .intType()
            .and()
            .stringType()
            .endUnion()
            .noDefault()
            .endRecord();

    assertThat(CsvColumns.schemaProblems(schema))
        .containsExactly(
            "field 'tags' is of type {\"type\":\"array\",\"items\":\"string\"}, which a CSV value"
                + " cannot hold",
            "field 'either' is of type [\"int\",\"string\"], which a CSV value cannot hold");
  }
}
