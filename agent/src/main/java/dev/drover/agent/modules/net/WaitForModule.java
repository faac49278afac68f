package dev.drover.agent.modules.net;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code wait_for}: waits for a port to accept or refuse connections, a file to appear or go away,
 * a line in a log file (the startup gate of a rolling upgrade) or a port's connections to drain.
 * Ansible's arguments, messages and return fields, with these differences:
 *
 * <ul>
 * <li>Log files are followed, not re-read: see {@link LogFollower} (absent, empty, truncated and
 *     rotated files; partial lines). Lines are matched one at a time, so a pattern cannot span lines.</li>
 * <li>{@code fail_regex} (a pattern or list): a new line matching one fails the wait at once,
 *     returning the line in {@code match_line} and {@code msg}.</li>
 * <li>{@code from}: {@code start} (Ansible: the whole file), {@code end} (only lines completed
 *     after the module started) or a byte offset, typically a registered {@code offset}.</li>
 * <li>{@code sleep} defaults to 0.1 s (Ansible: 1 s) and may be fractional; {@code elapsed} is
 *     whole seconds, as in Ansible; timeouts say how long was waited.</li>
 * <li>Returns {@code offset}: the end of the last line read, or, without {@code search_regex},
 *     the end of the file's last complete line, so a later wait can begin there.</li>
 * </ul>
 *
 * <p>Read-only, so it runs the same in check mode, as in Ansible. Blocks the session thread for up
 * to {@code timeout}; an interrupt ends the wait with a failure.
 */
public final class WaitForModule implements Module {
    private static final List<String> NO_GROUPS = Collections.emptyList();

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        WaitForArgs a = WaitForArgs.parse(args);
        long start = System.nanoTime();
        Path path = a.path == null ? null : Paths.get(a.path);
        long[] fromEnd = null;
        Object fromEndKey = null;
        if (path != null && "end".equals(a.fromMode)) {
            // "From now on" is fixed when the module starts, before any delay.
            BasicFileAttributes attrs = stat(path);
            fromEndKey = attrs == null ? null : attrs.fileKey();
            fromEnd = new long[] {attrs == null ? 0 : endOfLastLine(path, attrs.size())};
        }
        sleepUntil(start + a.delayNanos);
        long deadline = start + a.timeoutNanos;
        ModuleResult result;
        if (a.state.equals("drained")) {
            result = drained(a, start, deadline);
        } else if (path == null && a.port == null) {
            // Ansible sleeps the whole timeout after the delay here (elsewhere the deadline includes it).
            sleepUntil(start + a.delayNanos + a.timeoutNanos);
            result = ModuleResult.ok().with("elapsed", elapsed(start));
        } else if (a.state.equals("absent") || a.state.equals("stopped")) {
            result = path != null ? fileGone(a, path, start, deadline) : portStopped(a, start, deadline);
        } else if (path != null && a.searchRegex != null) {
            long offset = fromEnd != null ? fromEnd[0] : "start".equals(a.fromMode) ? 0 : a.fromOffset;
            result = new LogWait(a, path, offset, fromEndKey).run(start, deadline);
        } else if (path != null) {
            result = filePresent(a, path, start, deadline);
        } else {
            result = portStarted(a, start, deadline);
        }
        if (!a.warnings.isEmpty()) {
            List<Object> warnings = new ArrayList<Object>(a.warnings);
            if (result.get("warnings") instanceof List) {
                warnings.addAll((List<?>) result.get("warnings"));
            }
            result.with("warnings", warnings);
        }
        return result;
    }

    private ModuleResult filePresent(WaitForArgs a, Path path, long start, long deadline) throws ModuleException {
        String lastError = null;
        while (true) {
            BasicFileAttributes attrs = null;
            try {
                attrs = LogFollower.stat(path);
            } catch (IOException e) {
                lastError = describe(e);
            }
            if (attrs != null) {
                ModuleResult found = success(a, start, NO_GROUPS, Collections.<String, String>emptyMap());
                try {
                    // Where a later wait on this file can begin (see the module comment).
                    found.with("offset", attrs.isRegularFile() ? LogFollower.endOfLastLine(path, attrs.size()) : 0);
                } catch (IOException unreadable) {
                    found.with("warnings", Collections.singletonList("no offset: cannot read " + a.path + ": " + describe(unreadable)));
                }
                return found;
            }
            if (!pause(a, deadline)) {
                return timeout(a, start, "Timeout when waiting for file " + a.path, lastError);
            }
        }
    }

    private ModuleResult fileGone(WaitForArgs a, Path path, long start, long deadline) throws ModuleException {
        while (true) {
            if (stat(path) == null) {
                return success(a, start, NO_GROUPS, Collections.<String, String>emptyMap());
            }
            if (!pause(a, deadline)) {
                return timeout(a, start, "Timeout when waiting for " + a.path + " to be absent.", null);
            }
        }
    }

    private ModuleResult portStarted(WaitForArgs a, long start, long deadline) throws ModuleException {
        PortProbe probe = new PortProbe(a.host, a.port);
        while (true) {
            long connectMillis = Math.min(a.connectTimeoutMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (a.searchRegex == null) {
                if (probe.accepts(connectMillis)) {
                    return success(a, start, NO_GROUPS, Collections.<String, String>emptyMap());
                }
            } else {
                Matcher m = probe.readUntil(a.searchRegex, connectMillis, deadline);
                if (m != null) {
                    return success(a, start, groups(m), a.searchRegex.groupDict(m));
                }
            }
            if (!pause(a, deadline)) {
                return timeout(a, start, a.searchRegex == null
                        ? "Timeout when waiting for " + probe.describe()
                        : "Timeout when waiting for search string " + a.searchRegexSource + " in " + probe.describe(), null);
            }
        }
    }

    private ModuleResult portStopped(WaitForArgs a, long start, long deadline) throws ModuleException {
        PortProbe probe = new PortProbe(a.host, a.port);
        while (true) {
            // As in Ansible, any failure to connect (refused, unreachable, timed out) means stopped.
            if (!probe.accepts(a.connectTimeoutMillis)) {
                return success(a, start, NO_GROUPS, Collections.<String, String>emptyMap());
            }
            if (!pause(a, deadline)) {
                return timeout(a, start, "Timeout when waiting for " + probe.describe() + " to stop.", null);
            }
        }
    }

    private ModuleResult drained(WaitForArgs a, long start, long deadline) throws ModuleException {
        TcpConnections connections = new TcpConnections(a.host, a.port,
                a.excludeHosts == null ? Collections.<String>emptyList() : a.excludeHosts,
                a.activeConnectionStates, TcpConnections.linuxTables());
        while (true) {
            int active;
            try {
                active = connections.count();
            } catch (IOException e) {
                throw new ModuleException("cannot read the connection table for state=drained: " + describe(e)
                        + " (drained works on Linux only)");
            }
            if (active == 0) {
                return success(a, start, NO_GROUPS, Collections.<String, String>emptyMap());
            }
            if (!pause(a, deadline)) {
                return timeout(a, start, "Timeout when waiting for " + a.host + ":" + a.port + " to drain",
                        active + " active connection" + (active == 1 ? "" : "s"));
            }
        }
    }

    /** The log wait: follow the file, match line by line, stop at success or failure. */
    private static final class LogWait {
        private final WaitForArgs a;
        private final LogFollower follower;
        private final LineSearch search;

        LogWait(WaitForArgs a, Path path, long offset, Object offsetKey) {
            this.a = a;
            this.follower = new LogFollower(path, offset, offsetKey);
            this.search = new LineSearch(a.searchRegex, a.failRegexes, a.failRegexSources);
        }

        ModuleResult run(long start, long deadline) throws ModuleException {
            String lastError = null;
            try {
                while (true) {
                    LogFollower.Poll poll = LogFollower.Poll.IDLE;
                    try {
                        poll = follower.poll(search);
                        lastError = null;
                    } catch (IOException e) {
                        lastError = describe(e);
                    }
                    if (poll == LogFollower.Poll.STOPPED) {
                        return search.failed() ? failure(start) : found(start);
                    }
                    boolean late = poll == LogFollower.Poll.MORE && System.nanoTime() - deadline >= 0;
                    if (late || (poll == LogFollower.Poll.IDLE && !pause(a, deadline))) {
                        return timeout(a, start, "Timeout when waiting for search string " + a.searchRegexSource
                                + " in " + a.path, lastError).with("offset", follower.offset());
                    }
                }
            } finally {
                try {
                    follower.close();
                } catch (IOException ignored) {
                    // Only a read handle; nothing to flush.
                }
            }
        }

        private ModuleResult found(long start) {
            return success(a, start, search.groups(), search.groupDict())
                    .with("match_line", search.line())
                    .with("offset", search.lineEnd());
        }

        private ModuleResult failure(long start) {
            return ModuleResult.failed("fail_regex " + search.failedPattern() + " matched a line in " + a.path
                            + ": " + search.line())
                    .with("elapsed", elapsed(start))
                    .with("state", a.state)
                    .with("path", a.path)
                    .with("search_regex", a.searchRegexSource)
                    .with("fail_regex", search.failedPattern())
                    .with("match_groups", search.groups())
                    .with("match_groupdict", search.groupDict())
                    .with("match_line", search.line())
                    .with("offset", search.lineEnd());
        }
    }

    private static ModuleResult success(WaitForArgs a, long start, List<String> groups, Map<String, String> groupDict) {
        return ModuleResult.ok()
                .with("state", a.state)
                .with("port", a.port)
                .with("search_regex", a.searchRegexSource)
                .with("match_groups", groups)
                .with("match_groupdict", groupDict)
                .with("path", a.path)
                .with("elapsed", elapsed(start));
    }

    private static ModuleResult timeout(WaitForArgs a, long start, String what, String lastError) {
        // Ansible's words exactly (playbooks compare them); what drover knows more goes in last_error.
        ModuleResult r = ModuleResult.failed(a.msg != null ? a.msg : what).with("elapsed", elapsed(start));
        return lastError != null ? r.with("last_error", lastError) : r;
    }

    /** Sleeps one poll interval; false when the deadline has passed (no sleep then). */
    private static boolean pause(WaitForArgs a, long deadline) throws ModuleException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        sleepNanos(Math.min(a.sleepNanos, left));
        return true;
    }

    private static void sleepUntil(long when) throws ModuleException {
        long left = when - System.nanoTime();
        while (left > 0) {
            sleepNanos(left);
            left = when - System.nanoTime();
        }
    }

    private static void sleepNanos(long nanos) throws ModuleException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("wait_for was interrupted");
        }
    }

    private static List<String> groups(Matcher m) {
        List<String> out = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            out.add(m.group(i));
        }
        return out;
    }

    /** Whole seconds, as Ansible's {@code (now - start).seconds}. */
    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private static BasicFileAttributes stat(Path path) throws ModuleException {
        try {
            return LogFollower.stat(path);
        } catch (IOException e) {
            throw new ModuleException("Failed to stat " + path + ", " + describe(e));
        }
    }

    private static long endOfLastLine(Path path, long size) throws ModuleException {
        try {
            return LogFollower.endOfLastLine(path, size);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + path + " to find its end: " + describe(e));
        }
    }

    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
