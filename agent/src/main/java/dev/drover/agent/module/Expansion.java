package dev.drover.agent.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Python's {@code os.path.expandvars} and {@code os.path.expanduser}, which Ansible applies to the
 * command module's arguments (after splitting, so even {@code '$HOME'} in single quotes expands) and
 * to every path argument. Unknown variables and users are left as written, as Python does.
 * {@code ~user} is looked up in /etc/passwd only (no NSS/LDAP).
 */
public final class Expansion {
    private Expansion() {
    }

    /** expanduser(expandvars(s)): what Ansible does to a {@code type='path'} argument. */
    public static String path(String s, Map<String, String> env) {
        return user(vars(s, env), env);
    }

    /** {@code $NAME} and {@code ${NAME}} with NAME made of ASCII letters, digits and underscores. */
    public static String vars(String s, Map<String, String> env) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end = -1;
            String name = null;
            if (c == '$' && i + 1 < n) {
                if (s.charAt(i + 1) == '{') {
                    int close = s.indexOf('}', i + 2);
                    if (close >= 0) {
                        name = s.substring(i + 2, close);
                        end = close + 1;
                    }
                } else {
                    int j = i + 1;
                    while (j < n && isWordChar(s.charAt(j))) {
                        j++;
                    }
                    if (j > i + 1) {
                        name = s.substring(i + 1, j);
                        end = j;
                    }
                }
            }
            String value = name == null ? null : env.get(name);
            if (value != null) {
                out.append(value);
                i = end;
            } else if (end > 0) {
                out.append(s, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A leading {@code ~} or {@code ~user} up to the first slash becomes that home directory. */
    public static String user(String s, Map<String, String> env) {
        if (!s.startsWith("~")) {
            return s;
        }
        int slash = s.indexOf('/');
        String name = s.substring(1, slash < 0 ? s.length() : slash);
        String home = name.isEmpty() ? currentHome(env) : passwdHome(name);
        if (home == null) {
            return s;
        }
        if (home.endsWith("/") && home.length() > 1) {
            home = home.substring(0, home.length() - 1);
        }
        String rest = slash < 0 ? "" : s.substring(slash);
        return home.equals("/") && !rest.isEmpty() ? rest : home + rest;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String currentHome(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null ? home : System.getProperty("user.home");
    }

    private static String passwdHome(String user) {
        try {
            for (String line : Files.readAllLines(Paths.get("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 6 && fields[0].equals(user)) {
                    return fields[5];
                }
            }
        } catch (IOException e) {
            // No readable passwd file: leave ~user as written, as Python does for unknown users.
        }
        return null;
    }
}
