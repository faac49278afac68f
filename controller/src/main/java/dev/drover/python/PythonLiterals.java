package dev.drover.python;

import java.math.BigDecimal;
import java.util.Optional;

/** Python's {@code repr()} of a float and of a string, character for character. */
public final class PythonLiterals {
    private PythonLiterals() {
    }

    /** Python's {@code repr} of {@code None}, a bool or a float; empty for any other value. */
    public static Optional<String> noneBoolOrFloat(Object value) {
        if (value == null) {
            return Optional.of("None");
        }
        if (value instanceof Boolean b) {
            return Optional.of(b ? "True" : "False");
        }
        if (value instanceof Double || value instanceof Float) {
            return Optional.of(floatRepr(((Number) value).doubleValue()));
        }
        return Optional.empty();
    }

    /** Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String sign = exact.signum() < 0 ? "-" : "";
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /** Python's string repr: single quotes unless the text has a single quote and no double quote. */
    public static String stringRepr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(q).toString();
    }
}
