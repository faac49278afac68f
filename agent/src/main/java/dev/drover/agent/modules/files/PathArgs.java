package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Path arguments with Ansible's aliases ({@code path}/{@code dest}/{@code name}) and its
 * {@code type='path'} expansion of a leading {@code ~}.
 */
public final class PathArgs {
    private PathArgs() {
    }

    /** The value of the first of {@code names} that is set; fails if two aliases are both set. */
    public static String first(Args args, String... names) throws ModuleException {
        String found = null;
        String foundName = null;
        for (String n : names) {
            if (args.has(n)) {
                if (found != null) {
                    throw new ModuleException("arguments '" + foundName + "' and '" + n
                            + "' are aliases of each other; give only one");
                }
                found = args.string(n);
                foundName = n;
            }
        }
        return found;
    }

    /** A required path argument; the error names the main name. */
    public static Path require(Args args, String... names) throws ModuleException {
        String s = first(args, names);
        if (s == null || s.isEmpty()) {
            throw new ModuleException("missing required arguments: " + names[0]);  // Ansible's words
        }
        return expand(s);
    }

    public static Path expand(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return Paths.get(System.getProperty("user.home") + s.substring(1));
        }
        return Paths.get(s);
    }
}
