package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mode} argument as Ansible reads it: an octal string ({@code "0644"}, {@code "644"},
 * {@code "0o644"}), a number (taken as the mode value itself, so YAML {@code 0644} works and YAML
 * {@code 644} means 01204, exactly Ansible's pitfall), or a symbolic chmod expression
 * ({@code "u=rw,g=r,o="}, {@code "u+x,g-w"}, {@code "a+X"}). Symbolic modes are applied to the
 * current mode of each file, so they resolve per path.
 */
public final class FileModes {
    private static final Pattern OCTAL = Pattern.compile("0?o?([0-7]{1,5})");
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)((?:[-+=][rwxXstugo]*)+)");
    private static final Pattern ACTION = Pattern.compile("([-+=])([rwxXstugo]*)");
    private static final int PERM_BITS = 07777;
    private static final int EXEC_BITS = 0111;

    private final String text;
    private final Integer absolute;

    private FileModes(String text, Integer absolute) {
        this.text = text;
        this.absolute = absolute;
    }

    /** Parses a mode argument; null when absent. Validates symbolic syntax up front. */
    public static FileModes parse(Object raw, String argName) throws ModuleException {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number) {
            long v = ((Number) raw).longValue();
            if (v < 0 || v > PERM_BITS) {
                throw new ModuleException("argument '" + argName + "': " + raw + " is not a permission mode;"
                        + " quote octal modes in YAML, for example mode: \"0644\"");
            }
            return new FileModes(raw.toString(), (int) v);
        }
        String s = raw.toString().trim();
        Matcher m = OCTAL.matcher(s);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(1), 8);
            if (v > PERM_BITS) {
                throw new ModuleException("argument '" + argName + "': '" + s + "' has bits beyond 07777;"
                        + " only permission bits may be set");
            }
            return new FileModes(s, v);
        }
        for (String clause : s.split(",", -1)) {
            if (!CLAUSE.matcher(clause).matches()) {
                throw new ModuleException("argument '" + argName + "': '" + s + "' is neither an octal mode"
                        + " (\"0644\") nor a symbolic one (\"u=rw,g=r,o=\", \"u+x\"); bad part '" + clause + "'");
            }
        }
        return new FileModes(s, null);
    }

    /** The mode for a file whose current permission bits are {@code current}. */
    public int resolve(int current, boolean isDirectory) {
        if (absolute != null) {
            return absolute;
        }
        int mode = current & PERM_BITS;
        for (String clause : text.split(",")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new IllegalStateException("validated in parse: " + clause);
            }
            String users = m.group(1);
            // Like chmod: no user letters means "a", but bits set in the umask are left alone.
            int allowed = users.isEmpty() ? ~umask() & 0777 : 0777;
            if (users.isEmpty() || users.contains("a")) {
                users = "ugo";
            }
            Matcher action = ACTION.matcher(m.group(2));
            while (action.find()) {
                char op = action.group(1).charAt(0);
                for (char user : users.toCharArray()) {
                    int bits = bits(user, action.group(2), mode, isDirectory, allowed);
                    mode = apply(user, op, bits, mode);
                }
            }
        }
        return mode;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Ansible's rendering: {@code "0644"}, {@code "04755"}. */
    public static String format(int mode) {
        return "0" + String.format("%03o", mode & PERM_BITS);
    }

    private static int apply(char user, char op, int bits, int mode) {
        switch (op) {
            case '=':
                int mask = user == 'u' ? 04700 : user == 'g' ? 02070 : 01007;
                return (mode & ~mask & PERM_BITS) | bits;
            case '+':
                return mode | bits;
            default:
                return mode & ~bits;
        }
    }

    private static int bits(char user, String perms, int current, boolean isDirectory, int allowed) {
        int shift = user == 'u' ? 6 : user == 'g' ? 3 : 0;
        int out = 0;
        for (char p : perms.toCharArray()) {
            switch (p) {
                case 'r': out |= (4 << shift) & allowed; break;
                case 'w': out |= (2 << shift) & allowed; break;
                case 'x': out |= (1 << shift) & allowed; break;
                case 'X':
                    if (isDirectory || (current & EXEC_BITS) != 0) {
                        out |= 1 << shift;
                    }
                    break;
                case 's': out |= user == 'u' ? 04000 : user == 'g' ? 02000 : 0; break;
                case 't': out |= user == 'o' ? 01000 : 0; break;
                default:
                    // u, g, o: copy that class's current rwx bits into this class.
                    int from = p == 'u' ? 6 : p == 'g' ? 3 : 0;
                    out |= ((current >> from) & 7) << shift;
            }
        }
        return out;
    }

    /** The process umask (Linux 4.7+ reports it in /proc/self/status); 022 when unknown. */
    static int umask() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.ISO_8859_1);
            for (String line : lines) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux or an old kernel: fall through to the common default.
        }
        return 022;
    }
}
