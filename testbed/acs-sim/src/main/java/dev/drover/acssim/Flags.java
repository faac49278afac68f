package dev.drover.acssim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name value} flags of one command, checked against the names the command accepts, so a
 * typo is an error that lists the valid flags instead of being ignored, and a flag given twice is an
 * error too. Every command of the jar parses its flags here. Immutable after parsing.
 */
public final class Flags {
    private final String command;
    private final Map<String, String> values;

    private Flags(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    public static Flags parse(String command, List<String> args, String... known) {
        List<String> names = Arrays.asList(known);
        Map<String, String> values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!names.contains(name)) {
                throw new UsageException(command + ": unknown argument '" + arg + "'; valid: " + String.join(" ", names));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(command + ": " + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": " + name + " given twice");
            }
        }
        return new Flags(command, Collections.unmodifiableMap(values));
    }

    /** The value of a required flag; its absence is a usage error naming it. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.trim().isEmpty()) {
            throw new UsageException(command + ": " + name + " is required");
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value;
    }

    /** A positive integer flag; anything else is a usage error naming the flag and the value. */
    public long positiveLong(String name, String fallback) {
        String text = optional(name, fallback);
        if (text == null) {
            throw new UsageException(command + ": " + name + " is required");
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command + ": " + name + " must be a positive whole number, not '" + text + "'");
    }

    /** A whole-number flag (negative allowed); anything else is a usage error naming the flag and the value. */
    public long wholeLong(String name, String fallback) {
        String text = optional(name, fallback);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " must be a whole number, not '" + text + "'");
        }
    }

    public static List<String> tail(String[] args, int from) {
        return new ArrayList<String>(Arrays.asList(args).subList(Math.min(from, args.length), args.length));
    }
}
