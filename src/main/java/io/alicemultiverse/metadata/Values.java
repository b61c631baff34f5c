package io.alicemultiverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Lenient conversions of values found in files (text or JSON) to numbers. Never throws; null when not a number. */
public final class Values {
    private Values() {
    }

    public static BigInteger toBigInteger(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof JsonNode n) {
            if (n.isIntegralNumber()) {
                return n.bigIntegerValue();
            }
            if (n.isNumber()) {
                // NaN and Infinity (JSON that allows them) have no decimal value (found by fuzzing: it threw)
                return (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue()) ? null
                        : integral(n.decimalValue());
            }
            if (n.isTextual()) {
                return toBigInteger(n.textValue());
            }
            return null;
        }
        if (v instanceof Number num) {
            if (num instanceof Double || num instanceof Float) {
                return Double.isFinite(num.doubleValue()) ? integral(BigDecimal.valueOf(num.doubleValue())) : null;
            }
            return BigInteger.valueOf(num.longValue());
        }
        String s = v.toString().strip();
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            try {
                BigDecimal d = new BigDecimal(s);
                return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? integral(d) : null;
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    /**
     * The integer part of {@code d}, or null past 40 digits: "1e999999999" is eleven characters, and its integer
     * would take gigabytes to write out.
     */
    private static BigInteger integral(BigDecimal d) {
        return d.precision() - d.scale() > 40 ? null : d.toBigInteger();
    }

    public static Integer toInteger(Object v) {
        BigInteger b = toBigInteger(v);
        if (b == null || b.bitLength() > 31) {
            return null;
        }
        return b.intValue();
    }

    public static Double toDouble(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNode n) {
            if (n.isNumber()) {
                return n.doubleValue();
            }
            return n.isTextual() ? toDouble(n.textValue()) : null;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        String s = v.toString().strip();
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text of a JSON value: strings as they are, numbers and booleans as written, null for missing/null. */
    public static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        return null;
    }
}
