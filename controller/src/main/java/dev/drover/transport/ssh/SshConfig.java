package dev.drover.transport.ssh;

import dev.drover.transport.ProxySetting;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an OpenSSH client configuration ({@code ~/.ssh/config}) that drover honours:
 * {@code Host} blocks, {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile},
 * {@code ProxyJump}, {@code ProxyCommand} and {@code Include}. Other keywords are ignored, and so
 * are {@code Match} blocks (drover cannot evaluate their conditions, so it applies none of their
 * options rather than guess); a {@code ProxyJump} or {@code ProxyCommand} inside a {@code Match}
 * block is an error when the host is looked up, because ignoring a bastion would connect to the
 * wrong place.
 *
 * <p>Semantics are OpenSSH's: lines are read top to bottom and for each option the first value
 * obtained wins, except {@code IdentityFile}, whose values accumulate; {@code ProxyJump} and
 * {@code ProxyCommand} share one slot (whichever comes first wins, {@code none} included). Options before the first
 * {@code Host} apply to every host. An {@code Include} is read in place when its enclosing block
 * applies (and not at all otherwise); a {@code Host} line inside an included file does not leak out
 * of it. Relative include paths are relative to {@code ~/.ssh}; a wildcard is allowed in the last
 * path component.
 *
 * <p>Immutable and thread-safe once parsed.
 */
public final class SshConfig {
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** A configuration without any line: every lookup returns defaults. */
    public static final SshConfig EMPTY = new SshConfig(List.of());

    /** Where a value came from, for messages: {@code file:line}. */
    record Origin(Path file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** One raw value and where it was written. */
    record Setting(String value, Origin origin) {
    }

    /**
     * What the configuration says about one host; absent values are null, identity files may be empty.
     * {@code proxy} is the first ProxyJump or ProxyCommand that applies (origin: file:line);
     * {@code matchProxy} the first one written inside a Match block (which drover cannot evaluate).
     */
    record HostOptions(Setting hostName, Setting user, Setting port, List<Setting> identityFiles,
            ProxySetting proxy, Origin matchProxy) {
        HostOptions(Setting hostName, Setting user, Setting port, List<Setting> identityFiles) {
            this(hostName, user, port, identityFiles, null, null);
        }
    }

    private sealed interface Directive permits HostLine, MatchLine, Option, Included {
    }

    private record HostLine(List<String> patterns) implements Directive {
    }

    private record MatchLine() implements Directive {
    }

    private record Option(String keyword, String value, Origin origin) implements Directive {
    }

    private record Included(List<Directive> directives) implements Directive {
    }

    private final List<Directive> directives;

    private SshConfig(List<Directive> directives) {
        this.directives = directives;
    }

    /** Reads {@code file}; a missing file is an empty configuration. */
    public static SshConfig load(Path file, Path userHome) throws TransportException {
        List<Directive> parsed = readFile(file, userHome, 0);
        return parsed == null ? EMPTY : new SshConfig(parsed);
    }

    /** Parses configuration text; {@code file} is used in messages and {@code userHome} for includes. */
    static SshConfig parse(String text, Path file, Path userHome) throws TransportException {
        return new SshConfig(parseText(text, file, userHome, 0));
    }

    /** The options for {@code host}: the name the user gave (ansible_host or the inventory name). */
    HostOptions lookup(String host) {
        Accumulator acc = new Accumulator();
        evaluate(directives, host, true, acc);
        return new HostOptions(acc.hostName, acc.user, acc.port, List.copyOf(acc.identityFiles), acc.proxy,
                acc.matchProxy);
    }

    private static void evaluate(List<Directive> list, String host, boolean active, Accumulator acc) {
        boolean matchBlock = false;
        for (Directive d : list) {
            if (d instanceof HostLine) {
                matchBlock = false;
            }
            if (matchBlock && d instanceof Option o && o.keyword().startsWith("proxy") && acc.matchProxy == null) {
                acc.matchProxy = o.origin();
            }
            if (d instanceof HostLine h) {
                active = HostPatterns.matchesList(host, h.patterns());
            } else if (d instanceof MatchLine) {
                active = false;
                matchBlock = true;
            } else if (d instanceof Included inc && active) {
                evaluate(inc.directives(), host, true, acc);
            } else if (d instanceof Option o && active) {
                acc.apply(o);
            }
        }
    }

    private static final class Accumulator {
        Setting hostName;
        Setting user;
        Setting port;
        final List<Setting> identityFiles = new ArrayList<>();
        ProxySetting proxy;
        Origin matchProxy;

        void apply(Option o) {
            Setting s = new Setting(o.value(), o.origin());
            switch (o.keyword()) {
                case "hostname" -> hostName = hostName != null ? hostName : s;
                case "user" -> user = user != null ? user : s;
                case "port" -> port = port != null ? port : s;
                case "proxyjump" -> proxy = proxy != null ? proxy
                        : ProxySetting.jump(o.value(), "ProxyJump at " + o.origin());
                case "proxycommand" -> proxy = proxy != null ? proxy
                        : ProxySetting.command(o.value(), "ProxyCommand at " + o.origin());
                case "identityfile" -> {
                    if (!o.value().equalsIgnoreCase("none")) {
                        identityFiles.add(s);
                    }
                }
                default -> {
                    // Not an option drover uses.
                }
            }
        }
    }

    /** @return null when the file does not exist */
    private static List<Directive> readFile(Path file, Path userHome, int depth) throws TransportException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TransportException(Kind.CONFIG, null, "cannot read SSH client configuration " + file + ": " + e
                    + ". Fix its permissions or remove it.", e);
        }
        return parseText(text, file, userHome, depth);
    }

    private static List<Directive> parseText(String text, Path file, Path userHome, int depth) throws TransportException {
        List<Directive> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Origin origin = new Origin(file, i + 1);
            List<String> words = ConfigLineSplitter.split(lines[i], origin);
            if (words.isEmpty()) {
                continue;
            }
            String keyword = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            if (args.isEmpty()) {
                throw new TransportException(Kind.CONFIG, null, origin + ": '" + words.get(0)
                        + "' needs a value (SSH client configuration syntax: Keyword value)");
            }
            switch (keyword) {
                case "host" -> out.add(new HostLine(List.copyOf(args)));
                case "match" -> out.add(new MatchLine());
                case "proxycommand" -> out.add(new Option(keyword, restOfLine(lines[i]), origin));
                case "proxyjump" -> out.add(new Option(keyword, args.get(0), origin));
                case "include" -> out.add(new Included(include(args, origin, userHome, depth)));
                case "identityfile", "hostname", "user", "port" -> out.add(new Option(keyword, args.get(0), origin));
                default -> {
                    // Ignored keyword; kept out of the model.
                }
            }
        }
        return out;
    }

    /** ProxyCommand takes the rest of the line verbatim (quotes and all), as OpenSSH reads it. */
    private static String restOfLine(String line) {
        String s = line.stripLeading();
        int i = 0;
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t' && s.charAt(i) != '=') {
            i++;
        }
        s = s.substring(i).stripLeading();
        if (s.startsWith("=")) {
            s = s.substring(1);
        }
        return s.strip();
    }

    private static List<Directive> include(List<String> args, Origin origin, Path userHome, int depth)
            throws TransportException {
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw new TransportException(Kind.CONFIG, null, origin + ": Include nested more than " + MAX_INCLUDE_DEPTH
                    + " levels deep; is a file including itself?");
        }
        List<Directive> out = new ArrayList<>();
        for (String arg : args) {
            String expanded = arg.equals("~") || arg.startsWith("~/") ? userHome + arg.substring(1) : arg;
            Path pattern = Path.of(expanded);
            if (!pattern.isAbsolute()) {
                pattern = userHome.resolve(".ssh").resolve(pattern);
            }
            for (Path f : expandGlob(pattern, origin)) {
                List<Directive> sub = readFile(f, userHome, depth + 1);
                if (sub != null) {
                    out.addAll(sub);
                }
            }
        }
        return out;
    }

    private static List<Path> expandGlob(Path pattern, Origin origin) throws TransportException {
        String last = pattern.getFileName().toString();
        if (!last.contains("*") && !last.contains("?")) {
            return List.of(pattern);
        }
        Path dir = pattern.getParent();
        List<Path> found = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, last)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new TransportException(Kind.CONFIG, null, origin + ": cannot list " + dir + " for Include: " + e, e);
        }
        found.sort(null);
        return found;
    }

    /**
     * Expands OpenSSH percent tokens in {@code value}: {@code %%} always, others from {@code tokens}.
     *
     * @throws TransportException (CONFIG) naming {@code origin} for a token drover does not provide
     */
    static String expandTokens(String value, Map<Character, String> tokens, Origin origin) throws TransportException {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                throw new TransportException(Kind.CONFIG, null, origin + ": '%' at the end of '" + value
                        + "'; write %% for a literal percent sign");
            }
            char t = value.charAt(++i);
            if (t == '%') {
                out.append('%');
            } else if (tokens.containsKey(t)) {
                out.append(tokens.get(t));
            } else {
                throw new TransportException(Kind.CONFIG, null, origin + ": token %" + t + " in '" + value
                        + "' is not supported by drover here; supported: %% " + tokenList(tokens));
            }
        }
        return out.toString();
    }

    private static String tokenList(Map<Character, String> tokens) {
        StringBuilder s = new StringBuilder();
        tokens.keySet().stream().sorted().forEach(k -> s.append('%').append(k).append(' '));
        return s.toString().trim();
    }
}
