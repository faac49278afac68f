package dev.drover.playbook.parse;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types plain scalars the way PyYAML's YAML 1.1 resolver does, because that is what Ansible users'
 * files mean: {@code yes}/{@code on} are booleans, {@code 0755} is octal, {@code 1:30} is 90,
 * {@code ~} is null, {@code 1e3} (no dot) is a string. Dates stay strings (Ansible renders them
 * back to the same text anyway). The patterns are PyYAML's {@code resolver.py}, verbatim.
 */
final class Yaml11Scalars {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    private static final Set<String> FALSES = Set.of("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    private Yaml11Scalars() {
    }

    /** The value of an untagged plain (unquoted) scalar. */
    static Object resolvePlain(String text) {
        if (NULLS.contains(text)) {
            return null;
        }
        if (TRUES.contains(text)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(text)) {
            return Boolean.FALSE;
        }
        if (INT.matcher(text).matches()) {
            return toInt(text);
        }
        if (FLOAT.matcher(text).matches()) {
            return toFloat(text);
        }
        return text;
    }

    static boolean isNull(String text) {
        return NULLS.contains(text);
    }

    static Boolean toBool(String text) {
        if (TRUES.contains(text)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(text)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a YAML boolean: '" + text + "'");
    }

    /** PyYAML's {@code construct_yaml_int}, narrowed to Integer or Long when the value fits. */
    static Number toInt(String text) {
        if (!INT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a YAML integer: '" + text + "'");
        }
        String v = text.replace("_", "");
        int sign = 1;
        if (v.startsWith("-")) {
            sign = -1;
            v = v.substring(1);
        } else if (v.startsWith("+")) {
            v = v.substring(1);
        }
        BigInteger n;
        if (v.equals("0")) {
            n = BigInteger.ZERO;
        } else if (v.startsWith("0b")) {
            n = new BigInteger(v.substring(2), 2);
        } else if (v.startsWith("0x")) {
            n = new BigInteger(v.substring(2), 16);
        } else if (v.startsWith("0")) {
            n = new BigInteger(v, 8);
        } else if (v.contains(":")) {
            n = BigInteger.ZERO;
            for (String digit : v.split(":")) {
                n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(digit));
            }
        } else {
            n = new BigInteger(v);
        }
        return narrow(sign < 0 ? n.negate() : n);
    }

    /** PyYAML's {@code construct_yaml_float}. */
    static Double toFloat(String text) {
        String v = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (v.startsWith("-")) {
            sign = -1;
            v = v.substring(1);
        } else if (v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (v.equals(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            double n = 0;
            for (String digit : v.split(":")) {
                n = n * 60 + Double.parseDouble(digit);
            }
            return sign * n;
        }
        return sign * Double.parseDouble(v);
    }

    private static Number narrow(BigInteger n) {
        if (n.bitLength() < 32) {
            return n.intValue();
        }
        if (n.bitLength() < 64) {
            return n.longValue();
        }
        return n;
    }
}
