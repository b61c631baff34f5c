package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Lenient number conversion never throws and never builds a huge number from a few characters. */
class ValuesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void numbersFromTextAndJson() {
        assertThat(Values.toBigInteger("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(Values.toInteger(JSON.numberNode(28.0))).isEqualTo(28);
        assertThat(Values.toInteger("7.0")).isEqualTo(7);
        assertThat(Values.toInteger("7.5")).isNull();
        assertThat(Values.toInteger(3.0)).isEqualTo(3);
    }

    @Test
    void infinityAndNanAreNotNumbersHere() {
        // JSON that allows them (ComfyUI graphs written by Python's json module) – found by fuzzing: it threw
        assertThat(Values.toInteger(JSON.numberNode(Double.POSITIVE_INFINITY))).isNull();
        assertThat(Values.toInteger(JSON.numberNode(Double.NaN))).isNull();
        assertThat(Values.toInteger(JSON.numberNode(Float.NEGATIVE_INFINITY))).isNull();
        assertThat(Values.toBigInteger(Double.POSITIVE_INFINITY)).isNull();
        assertThat(Values.toBigInteger(Float.NaN)).isNull();
    }

    @Test
    void aHugeExponentIsNotWrittenOut() {
        assertThat(Values.toBigInteger("1e999999999")).isNull(); // would be a billion digits
        assertThat(Values.toBigInteger(JSON.numberNode(new java.math.BigDecimal("1e999999")))).isNull();
        assertThat(Values.toBigInteger(1e300)).isNull();
        assertThat(Values.toBigInteger("1e39")).isEqualTo(BigInteger.TEN.pow(39));
    }
}
