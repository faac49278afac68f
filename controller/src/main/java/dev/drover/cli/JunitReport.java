package dev.drover.cli;

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
 */
final class JunitReport implements PlayListener {
    private record Case(String name, HostStatus status, String message, String detail, double seconds) {
    }

    private record Suite(String name, Instant started, List<Case> cases) {
    }

    private final Clock clock;
    private final List<Suite> suites = new ArrayList<>();
    private String task = "";
    private Instant taskStarted;

    JunitReport(Clock clock) {
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
        HostStatus status = r.ignored() ? HostStatus.OK : r.status();
        suites.get(suites.size() - 1).cases().add(new Case("[" + r.host() + "] " + task, status, message, detail, secs));
    }

    /** Writes the report when closed, or when the JVM exits first (Ctrl-C, a signal): never lost. */
    interface Writing extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Arranges for the report to be written to {@code file} when the returned handle closes, or by a
     * shutdown hook if the JVM exits before that. A write that fails is reported to {@code problems}.
     */
    Writing writeAtEnd(Path file, java.util.function.Consumer<String> problems) {
        Runnable write = () -> {
            try {
                write(file);
            } catch (IOException | RuntimeException e) {
                problems.accept("cannot write the JUnit report " + file + ": " + Failures.chain(e));
            }
        };
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
        for (Suite s : suites) {
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
                            .append("\" type=\"unreachable\">").append(text(c.detail())).append("</error>\n    </testcase>\n");
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
