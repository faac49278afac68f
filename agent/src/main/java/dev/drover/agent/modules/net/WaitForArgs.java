package dev.drover.agent.modules.net;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.modules.files.PythonRegex;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wait_for}'s arguments, parsed and checked together: Ansible's combination rules (with its
 * messages), plus drover's {@code fail_regex} and {@code from}. Times are kept in nanoseconds.
 */
final class WaitForArgs {
    static final long NANOS = 1_000_000_000L;

    final String host;
    final Integer port;
    final String path;
    final String state;
    final String searchRegexSource;
    final PythonRegex searchRegex;
    final List<String> failRegexSources;
    final List<PythonRegex> failRegexes = new ArrayList<>();
    /** {@code from}: "start", "end" or null when {@link #fromOffset} was given. */
    final String fromMode;
    final long fromOffset;
    final long timeoutNanos;
    final double timeoutSeconds;
    final long delayNanos;
    final long sleepNanos;
    final long connectTimeoutMillis;
    final String msg;
    final List<String> excludeHosts;
    final List<String> activeConnectionStates;
    final List<String> warnings = new ArrayList<>();

    private WaitForArgs(Args args) throws ModuleException {
        args.allow("host", "port", "path", "state", "search_regex", "fail_regex", "from", "timeout", "delay",
                "sleep", "connect_timeout", "msg", "exclude_hosts", "active_connection_states");
        host = args.string("host", "127.0.0.1");
        port = args.has("port") ? port(args) : null;
        path = args.has("path") ? expandHome(args.string("path")) : null;
        state = args.choice("state", "started", "started", "present", "stopped", "absent", "drained");
        searchRegexSource = args.string("search_regex");
        searchRegex = searchRegexSource == null ? null : PythonRegex.compile(searchRegexSource, 0, "search_regex");
        failRegexSources = args.strings("fail_regex");
        for (String f : failRegexSources) {
            failRegexes.add(PythonRegex.compile(f, 0, "fail_regex"));
        }
        String from = args.string("from", "start");
        if (from.equals("start") || from.equals("end")) {
            fromMode = from;
            fromOffset = 0;
        } else {
            fromMode = null;
            fromOffset = args.number("from", 0);
            if (fromOffset < 0) {
                throw new ModuleException("argument 'from' must be start, end or a byte offset of 0 or more; got " + from);
            }
        }
        timeoutSeconds = seconds(args, "timeout", 300, false);
        timeoutNanos = (long) (timeoutSeconds * NANOS);
        delayNanos = (long) (seconds(args, "delay", 0, false) * NANOS);
        sleepNanos = (long) (seconds(args, "sleep", 0.1, true) * NANOS);
        connectTimeoutMillis = (long) (seconds(args, "connect_timeout", 5, true) * 1000);
        msg = args.string("msg");
        excludeHosts = args.has("exclude_hosts") ? args.strings("exclude_hosts") : null;
        activeConnectionStates = args.has("active_connection_states")
                ? args.strings("active_connection_states") : TcpConnections.DEFAULT_STATES;
        check(args);
    }

    static WaitForArgs parse(Args args) throws ModuleException {
        return new WaitForArgs(args);
    }

    private void check(Args args) throws ModuleException {
        if (port != null && path != null) {
            throw new ModuleException("port and path parameter can not both be passed to wait_for");
        }
        if (path != null && state.equals("stopped")) {
            throw new ModuleException("state=stopped should only be used for checking a port in the wait_for module;"
                    + " use state=absent to wait for a file to go away");
        }
        if (path != null && state.equals("drained")) {
            throw new ModuleException("state=drained should only be used for checking a port in the wait_for module");
        }
        if (state.equals("drained") && port == null) {
            throw new ModuleException("state=drained needs the port whose connections should drain");
        }
        if (excludeHosts != null && !state.equals("drained")) {
            throw new ModuleException("exclude_hosts should only be with state=drained");
        }
        boolean waitsForStart = state.equals("started") || state.equals("present");
        if (!failRegexSources.isEmpty() && (path == null || searchRegex == null || !waitsForStart)) {
            throw new ModuleException("fail_regex needs path and search_regex (state started or present):"
                    + " it stops a wait for a log line early when a failure line comes first");
        }
        if (args.has("from") && (path == null || searchRegex == null || !waitsForStart)) {
            throw new ModuleException("from needs path and search_regex (state started or present):"
                    + " it says where in the file the search begins");
        }
        if (searchRegex != null && !waitsForStart) {
            warnings.add("search_regex is ignored with state=" + state);
        }
    }

    private static int port(Args args) throws ModuleException {
        long p = args.number("port", 0);
        if (p < 1 || p > 65535) {
            throw new ModuleException("argument 'port' must be between 1 and 65535; got " + args.string("port"));
        }
        return (int) p;
    }

    private static double seconds(Args args, String key, double fallback, boolean positive) throws ModuleException {
        double s = args.decimal(key, fallback);
        if (Double.isNaN(s) || s < 0 || (positive && s == 0) || s > 31_536_000) {
            throw new ModuleException("argument '" + key + "' must be a number of seconds "
                    + (positive ? "above 0" : "of 0 or more") + " (at most a year); got " + args.string(key));
        }
        return s;
    }

    private static String expandHome(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return System.getProperty("user.home") + p.substring(1);
        }
        return p;
    }

    /** "300" rather than "300.0" in messages. */
    static String formatSeconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
