package dev.drover.report;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.PlayListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --junit-xml}: the run as a JUnit report, for CI servers and dashboards that read JUnit. A
 * {@code testsuite} per play, a {@code testcase} per task and host named {@code [host] task} (as
 * Ansible's junit callback), a {@code failure} for a failed result, an {@code error} for an
 * unreachable host, {@code skipped} for a skipped one. Collected in memory, written once by {@link
 * #write}, atomically (a temporary file in the same directory, then a rename), so a reader never sees
 * half a report. Synchronized: host threads report concurrently.
 *
 * <p>A run that does not finish must never read as passed: the report is first written when the run
 * starts, with an {@code error} case saying the run has not finished, so a run killed outright
 * (SIGKILL, a second Ctrl-C, a machine that stops) leaves a report that fails. An interrupted run
 * (Ctrl-C, SIGTERM: exit 99) gets an {@code error} per host whose task was cut short and a {@code
 * skipped} case, with the reason, per host whose batch never started.
 */
public final class JunitReport implements PlayListener {
    /** {@code errorType}: the {@code error} element's type, for an UNREACHABLE case: unreachable or interrupted. */
    private record Case(String name, HostStatus status, String message, String detail, double seconds, String errorType) {
        Case(String name, HostStatus status, String message, String detail, double seconds) {
            this(name, status, message, detail, seconds, "unreachable");
        }
    }

    private record Suite(String name, Instant started, List<Case> cases) {
    }

    private final Clock clock;
    private final List<Suite> suites = new ArrayList<>();
    private final java.util.Set<String> awaited = new java.util.LinkedHashSet<>();
    private String task = "";
    private Instant taskStarted;
    /** Null while the run goes on; then its exit code. */
    private Integer exitCode;

    public JunitReport(Clock clock) {
        this.clock = clock;
        this.taskStarted = clock.instant();
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts) {
        suites.add(new Suite(name, clock.instant(), new ArrayList<>()));
    }

    @Override
    public synchronized void taskStart(TaskStart t) {
        task = t.name();
        taskStarted = clock.instant();
        awaited.clear();
        awaited.addAll(t.hosts());
    }

    @Override
    public synchronized void playStopped(PlayStop stop) {
        if (suites.isEmpty()) {
            playStart(stop.play(), List.of());
        }
        for (String host : stop.neverStarted()) {
            suites.get(suites.size() - 1).cases().add(new Case("[" + host + "] " + stop.play() + ": not run",
                    HostStatus.SKIPPED, "not run: " + stop.reason(), "", 0));
        }
    }

    /** The run ended with {@code code}; an interrupted run marks the tasks it cut short. */
    public synchronized void finished(int code, boolean interrupted) {
        exitCode = code;
        if (interrupted) {
            if (suites.isEmpty()) {
                playStart("", List.of());
            }
            suites.get(suites.size() - 1).cases().add(new Case("the run finished", HostStatus.UNREACHABLE,
                    "interrupted: the run was stopped (Ctrl-C or SIGTERM)" + (task.isEmpty() ? "" : " after the task " + task)
                            + "; the tasks after it never ran. drover run --resume continues it", "", 0, "interrupted"));
            for (String host : awaited) {
                suites.get(suites.size() - 1).cases().add(new Case("[" + host + "] " + task, HostStatus.UNREACHABLE,
                        "interrupted: the run was stopped (Ctrl-C or SIGTERM) before this task finished on " + host, "", 0,
                        "interrupted"));
            }
            awaited.clear();
        }
    }

    @Override
    public synchronized void hostResult(TaskResult r) {
        if (suites.isEmpty()) {
            playStart("", List.of());
        }
        Object why = r.result().get(r.status() == HostStatus.SKIPPED ? "skip_reason" : "msg");
        String message = r.noLog() ? "the output has been hidden: no_log is set" : why == null ? "" : String.valueOf(why);
        String detail = r.noLog() ? "" : AnsibleJson.compact(r.result());
        double secs = Duration.between(taskStarted, clock.instant()).toMillis() / 1000.0;
        awaited.remove(r.host());
        HostStatus status = r.ignored() ? HostStatus.OK : r.status();
        suites.get(suites.size() - 1).cases().add(new Case("[" + r.host() + "] " + task, status, message, detail, secs));
    }

    /** Writes the report when closed, or when the JVM exits first (Ctrl-C, a signal): never lost. */
    public interface Writing extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Arranges for the report to be written to {@code file} when the returned handle closes, or by a
     * shutdown hook if the JVM exits before that. A write that fails is reported to {@code problems}.
     */
    public Writing writeAtEnd(Path file, java.util.function.Consumer<String> problems) {
        Runnable write = () -> {
            try {
                write(file);
            } catch (IOException | RuntimeException e) {
                problems.accept("cannot write the JUnit report " + file + ": " + Causes.chain(e));
            }
        };
        write.run(); // now, saying the run has not finished: what a killed run leaves behind
        Thread hook = new Thread(write, "drover-junit-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook is writing it
            }
            write.run();
        };
    }

    /** Writes the report; safe to call more than once (each call writes what is known by then). */
    synchronized void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, xml(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String xml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        List<Suite> all = new ArrayList<>(suites);
        if (exitCode == null) {
            all.add(new Suite("drover run", clock.instant(), List.of(new Case("the run finished", HostStatus.UNREACHABLE,
                    "the run has not finished: it is still running, or its process was killed before the end"
                            + (task.isEmpty() ? "" : " (last task started: " + task + ")")
                            + "; see drover history, and drover run --resume to continue it", "", 0, "interrupted"))));
        }
        for (Suite s : all) {
            long failures = s.cases().stream().filter(c -> c.status() == HostStatus.FAILED).count();
            long errors = s.cases().stream().filter(c -> c.status() == HostStatus.UNREACHABLE).count();
            long skipped = s.cases().stream().filter(c -> c.status() == HostStatus.SKIPPED).count();
            double time = s.cases().stream().mapToDouble(Case::seconds).sum();
            b.append("  <testsuite name=\"").append(attr(s.name())).append("\" tests=\"").append(s.cases().size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"").append(skipped).append("\" time=\"").append(time)
                    .append("\" timestamp=\"").append(Timestamps.format(s.started().atZone(clock.getZone()))).append("\">\n");
            for (Case c : s.cases()) {
                b.append("    <testcase classname=\"").append(attr(s.name())).append("\" name=\"").append(attr(c.name()))
                        .append("\" time=\"").append(c.seconds()).append('"');
                switch (c.status()) {
                    case FAILED -> b.append(">\n      <failure message=\"").append(attr(c.message())).append("\" type=\"failed\">")
                            .append(text(c.detail())).append("</failure>\n    </testcase>\n");
                    case UNREACHABLE -> b.append(">\n      <error message=\"").append(attr(c.message()))
                            .append("\" type=\"").append(c.errorType()).append("\">").append(text(c.detail())).append("</error>\n    </testcase>\n");
                    case SKIPPED -> b.append(">\n      <skipped message=\"").append(attr(c.message()))
                            .append("\"/>\n    </testcase>\n");
                    default -> b.append("/>\n");
                }
            }
            b.append("  </testsuite>\n");
        }
        return b.append("</testsuites>\n").toString();
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        String s = String.valueOf(v);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped; drop them.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
