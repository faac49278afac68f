package dev.drover.acssim;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of one command; unknown or repeated names are errors naming the command. */
public final class Options {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Options(String command) {
        this.command = command;
    }

    /** Parses {@code args} from index {@code from}; {@code known} are the names without dashes. */
    public static Options parse(String command, String[] args, int from, String... known) {
        Options o = new Options(command);
        List<String> names = Arrays.asList(known);
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !names.contains(a.substring(2))) {
                throw new SimException(command + ": unexpected argument '" + a + "'; options: --" + String.join(", --", names));
            }
            if (i + 1 >= args.length) {
                throw new SimException(command + ": " + a + " needs a value");
            }
            if (o.values.put(a.substring(2), args[++i]) != null) {
                throw new SimException(command + ": " + a + " given twice");
            }
        }
        return o;
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new SimException(command + ": --" + name + " is required");
        }
        return v;
    }

    public String get(String name, String fallback) {
        String v = values.get(name);
        return v == null ? fallback : v;
    }

    public Path path(String name) {
        return Paths.get(required(name));
    }
}
