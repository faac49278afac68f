package dev.drover.transport.ssh;

import dev.drover.transport.ProxySetting;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link ProxySetting} into the jump hosts to go through, first hop first, or refuses it.
 * A jump drover cannot honour is an error naming the host and where the setting was written: it is
 * never skipped, since connecting directly instead reaches the wrong machine or none.
 *
 * <p>{@code ProxyJump}: {@code none}, or hops separated by commas, each {@code [user@]host[:port]}
 * or {@code ssh://[user@]host[:port]} ({@code [v6address]:port} allowed).
 *
 * <p>{@code ProxyCommand}: {@code none}, or the form OpenSSH's own documentation gives for a jump,
 * {@code ssh [options] -W %h:%p [user@]jumphost} (or {@code ssh jumphost nc %h %p}), which drover
 * runs itself as a jump: the options {@code -l}, {@code -p}, {@code -i}, {@code -J} and
 * {@code -o User/Port/IdentityFile/ProxyJump} are honoured, options that only change how a local
 * ssh behaves ({@code -q -T -N -C -4 -6 -x -a -n -v}, {@code -o} ServerAlive*, ConnectTimeout,
 * BatchMode, LogLevel, Control*, StrictHostKeyChecking, IdentitiesOnly) are ignored. Any other
 * command (netcat to a SOCKS proxy, corkscrew, a script...) is refused.
 */
final class JumpSpec {
    /** Ignored ProxyCommand ssh flags without a value. */
    private static final String HARMLESS_FLAGS = "qTNC46xanvtk";
    /** Ignored {@code -o} options of a ProxyCommand ssh (lower case). */
    private static final Set<String> HARMLESS_OPTIONS = Set.of("serveraliveinterval", "serveralivecountmax",
            "connecttimeout", "batchmode", "loglevel", "controlmaster", "controlpath", "controlpersist",
            "stricthostkeychecking", "identitiesonly", "forwardagent", "compression", "tcpkeepalive",
            "addressfamily", "exitonforwardfailure", "requesttty", "forwardx11");

    private JumpSpec() {
    }

    /**
     * One jump host as written.
     *
     * @param identityFiles keys named with {@code -i} in a ProxyCommand (empty otherwise)
     * @param text          as written, for messages
     */
    record Hop(String user, String host, Integer port, List<String> identityFiles, String text) {
    }

    /**
     * @param forHost the inventory host, for messages
     * @return the hops, first first; empty for {@code none}
     */
    static List<Hop> parse(ProxySetting setting, String forHost) throws TransportException {
        String value = setting.value();
        if (value.isEmpty()) {
            throw refuse(setting, forHost, "the value is empty; write 'none' for no jump host");
        }
        if (value.equalsIgnoreCase("none")) {
            return List.of();
        }
        return setting.keyword().equals(ProxySetting.PROXY_JUMP) ? parseJump(value, setting, forHost)
                : parseCommand(value, setting, forHost);
    }

    private static List<Hop> parseJump(String value, ProxySetting setting, String forHost) throws TransportException {
        List<Hop> hops = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            hops.add(hop(part.strip(), List.of(), setting, forHost));
        }
        return hops;
    }

    /** {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}. */
    static Hop hop(String text, List<String> identityFiles, ProxySetting setting, String forHost) throws TransportException {
        String s = text;
        if (s.regionMatches(true, 0, "ssh://", 0, 6)) {
            s = s.substring(6);
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
            if (user.isEmpty() || user.contains("%")) {
                throw refuse(setting, forHost, "jump host '" + text + "' has " + (user.isEmpty() ? "an empty user name"
                        : "a token in its user name (%r, %u...), which drover does not expand there; write the name"));
            }
        }
        String host = s;
        Integer port = null;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw refuse(setting, forHost, "jump host '" + text + "' has an unclosed '['");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw refuse(setting, forHost, "jump host '" + text + "': expected ':port' after ']'");
                }
                portText = rest.substring(1);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            portText = s.substring(s.indexOf(':') + 1);
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw refuse(setting, forHost, "jump host '" + text + "' has port '" + portText
                        + "'; a port is a number between 1 and 65535");
            }
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ',' || c == '%')) {
            throw refuse(setting, forHost, "'" + text + "' is not a jump host ([user@]host[:port])");
        }
        return new Hop(user, host, port, List.copyOf(identityFiles), text);
    }

    private static List<Hop> parseCommand(String value, ProxySetting setting, String forHost) throws TransportException {
        List<String> words;
        try {
            words = new ArrayList<>(ShellWords.split(value));
        } catch (IllegalArgumentException e) {
            throw refuse(setting, forHost, e.getMessage());
        }
        if (!words.isEmpty() && words.get(0).equals("exec")) {
            words.remove(0);
        }
        String program = words.isEmpty() ? "" : words.get(0);
        if (!program.equals("ssh") && !program.endsWith("/ssh")) {
            throw unsupported(setting, forHost, "it runs '" + program + "', not ssh");
        }
        String user = null;
        String port = null;
        String jumps = null;
        String forward = null;
        String destination = null;
        List<String> identities = new ArrayList<>();
        List<String> remoteCommand = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            // As ssh does, options may also follow the destination, up to the first word of a command.
            if (destination != null && (!remoteCommand.isEmpty() || !w.startsWith("-") || w.length() < 2)) {
                remoteCommand.add(w);
                continue;
            }
            if (!w.startsWith("-") || w.length() < 2) {
                destination = w;
                continue;
            }
            char flag = w.charAt(1);
            if (HARMLESS_FLAGS.indexOf(flag) >= 0 && w.chars().skip(1).allMatch(c -> HARMLESS_FLAGS.indexOf(c) >= 0)) {
                continue;
            }
            if ("lpiJWo".indexOf(flag) < 0) {
                throw unsupported(setting, forHost, "drover does not know what ssh option '" + w + "' would do there");
            }
            String arg = w.length() > 2 ? w.substring(2) : null;
            if (arg == null) {
                if (i + 1 >= words.size()) {
                    throw refuse(setting, forHost, "ssh option '" + w + "' needs a value");
                }
                arg = words.get(++i);
            }
            switch (flag) {
                case 'l' -> user = arg;
                case 'p' -> port = arg;
                case 'i' -> identities.add(arg);
                case 'J' -> jumps = arg;
                case 'W' -> forward = arg;
                default -> {
                    String[] kv = option(arg);
                    switch (kv[0]) {
                        case "user" -> user = user != null ? user : kv[1];
                        case "port" -> port = port != null ? port : kv[1];
                        case "identityfile" -> identities.add(kv[1]);
                        case "proxyjump" -> jumps = jumps != null ? jumps : kv[1];
                        default -> {
                            if (!HARMLESS_OPTIONS.contains(kv[0])) {
                                throw unsupported(setting, forHost, "drover does not honour '-o " + arg + "' there");
                            }
                        }
                    }
                }
            }
        }
        boolean netcat = remoteCommand.size() == 3 && Set.of("nc", "ncat", "netcat").contains(remoteCommand.get(0))
                && remoteCommand.get(1).equals("%h") && remoteCommand.get(2).equals("%p");
        if (forward == null && !netcat) {
            throw unsupported(setting, forHost, remoteCommand.isEmpty() ? "it has no '-W %h:%p'"
                    : "it runs '" + String.join(" ", remoteCommand) + "' on the jump host");
        }
        if (forward != null && (!remoteCommand.isEmpty() || !(forward.equals("%h:%p") || forward.equals("[%h]:%p")))) {
            throw unsupported(setting, forHost, "'-W " + forward + "'" + (remoteCommand.isEmpty() ? "" : " with a command")
                    + " does not forward to the host itself (%h:%p)");
        }
        if (destination == null) {
            throw refuse(setting, forHost, "the ssh command names no jump host");
        }
        Hop last = hop(destination, identities, setting, forHost);
        if (user != null && user.contains("%")) {
            throw refuse(setting, forHost, "'-l " + user + "': tokens such as %r are not supported there; write the user name");
        }
        if (user != null && last.user() == null) {
            last = new Hop(user, last.host(), last.port(), last.identityFiles(), last.text());
        }
        if (port != null && last.port() == null) {
            Hop withPort = hop("[" + last.host() + "]:" + port, identities, setting, forHost);
            last = new Hop(last.user(), last.host(), withPort.port(), last.identityFiles(), last.text());
        }
        List<Hop> hops = new ArrayList<>();
        if (jumps != null && !jumps.equalsIgnoreCase("none")) {
            hops.addAll(parseJump(jumps, setting, forHost));
        }
        hops.add(last);
        return hops;
    }

    private static String[] option(String arg) {
        String s = arg.strip();
        int end = 0;
        while (end < s.length() && s.charAt(end) != '=' && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        String value = s.substring(end).strip();
        if (value.startsWith("=")) {
            value = value.substring(1).strip();
        }
        return new String[] {s.substring(0, end).toLowerCase(Locale.ROOT), value};
    }

    private static TransportException unsupported(ProxySetting setting, String forHost, String why) {
        return refuse(setting, forHost, why + ". drover opens jumps itself and honours only the form "
                + "'ssh [-l user] [-p port] [-i key] -W %h:%p jumphost'; write ProxyJump=jumphost (or the host variable "
                + "drover_jump_hosts) instead");
    }

    private static TransportException refuse(ProxySetting setting, String forHost, String why) {
        return new TransportException(Kind.CONFIG, forHost, "cannot reach " + forHost + " as configured: "
                + setting.keyword() + " '" + setting.value() + "' (" + setting.origin() + "): " + why);
    }
}
