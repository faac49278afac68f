package dev.drover.journal;

import dev.drover.execute.play.PlayListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import dev.drover.state.PrivateFiles;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's journal as it happens (format: docs/journal.md). Each line goes straight to the
 * file through a {@link FileChannel} (no user-space buffer: a killed controller loses at most the
 * line it was writing) and is forced to disk at task, play and run boundaries. At a task boundary
 * the force runs in the background while the next task starts (an fsync costs 1 to 20 ms, more
 * than the controller's own work for a task), and the boundary after waits for it: when task N+1
 * starts, every result up to task N-1 is on disk, and those of task N are being forced.
 *
 * <p>Threading: task and play events come from the run's main thread, results from host threads;
 * every write is synchronized, and a task's results arrive between its start and the next task's
 * start (linear strategy), so the current task is known when a result comes.
 */
public final class JournalWriter implements PlayListener, AutoCloseable {
    /** A result larger than this is not kept (the task line says so); resume then runs that task again. */
    static final int MAX_RESULT_CHARS = 1 << 20;
    private static final Set<String> NOT_KEPT = Set.of("invocation", "diff");

    private final FileChannel channel;
    private final Path file;
    private final String runId;
    private final Path playbookDir;
    private final Clock clock;
    private final long started = System.nanoTime();
    private final Set<String> filesSeen = new HashSet<>();
    private int play = -1;
    private String playName;
    private TaskStart task;
    private long taskStarted;
    private Instant taskStartedAt;
    private Map<String, HostStats> stats = Map.of();
    private boolean ended;
    /** The task boundaries' and the claims' forces; see {@link #forceInBackground}. */
    private final BackgroundForce forces;

    private JournalWriter(FileChannel channel, Path file, RunStart start, Clock clock) {
        this.channel = channel;
        this.file = file;
        this.runId = start.runId();
        this.playbookDir = start.playbook().toAbsolutePath().getParent();
        this.clock = clock;
        this.forces = new BackgroundForce(channel, file);
        filesSeen.addAll(start.files().keySet());
    }

    /**
     * Opens the journal of {@code start}'s run (created exclusively) and writes its first line.
     *
     * @param file {@code <state>/runs/<run-id>/journal.jsonl}, from {@link Runs#create}
     */
    public static JournalWriter open(Path file, RunStart start, Clock clock) throws IOException {
        FileChannel ch = PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        JournalWriter w = new JournalWriter(ch, file, start, clock);
        w.write(start.toEvent(), true);
        return w;
    }

    public Path file() {
        return file;
    }

    public String runId() {
        return runId;
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts) {
        play++;
        playName = name;
        Map<String, Object> e = event("play_start");
        e.put("play", play);
        e.put("name", name);
        e.put("hosts", hosts);
        write(e, true);
    }

    @Override
    public synchronized void batchStart(int index, int count, List<String> hosts) {
        Map<String, Object> e = event("batch_start");
        e.put("play", play);
        e.put("batch", index);
        e.put("batches", count);
        e.put("hosts", hosts);
        write(e, false);
    }

    @Override
    public synchronized void taskStart(TaskStart t) {
        task = t;
        taskStarted = System.nanoTime();
        taskStartedAt = clock.instant();
        // For readers following the run (drover serve): which task the hosts are in now. Its own
        // time is the task's start; forced to disk with the boundary below.
        Map<String, Object> e = event("task_start");
        e.put("play", play);
        e.put("task", PlayListener.where(t.pos(), playbookDir));
        e.put("name", t.name());
        e.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
        e.put("action", t.action());
        e.put("hosts", t.hosts());
        write(e, false);
        // The boundary of the previous task: its results go to disk while this task starts.
        forceInBackground();
    }

    @Override
    public synchronized void waiting(Waiting w) {
        Map<String, Object> e = event("waiting");
        e.put("play", play);
        e.put("host", w.host());
        e.put("name", w.task());
        e.put("what", w.what());
        write(e, false);
    }

    @Override
    public synchronized void waitOver(Waiting w) {
        Map<String, Object> e = event("wait_over");
        e.put("play", play);
        e.put("host", w.host());
        write(e, false);
    }

    @Override
    public synchronized void hostResult(TaskResult r) {
        write(taskLine(r, null), false);
    }

    @Override
    public synchronized void replayed(TaskResult r, String fromRun) {
        write(taskLine(r, fromRun), false);
    }

    @Override
    public synchronized void connectionLost(String host, String task, int attempt, String reason) {
        Map<String, Object> e = event("connection_lost");
        e.put("host", host);
        e.put("task", task);
        e.put("attempt", attempt);
        e.put("reason", reason);
        write(e, true);
    }

    /**
     * Not forced here: the claim only matters to a {@code --resume} after this machine crashed and
     * the host's spool was removed, and the host thread must not wait for an fsync between a step's
     * claim and its result (three hosts queued behind each other's, 1 to 20 ms each). It is forced
     * on the journal's fsync thread at once; the next task start waits for that, and so does a
     * step's {@code forget} ({@link #durable}), so the host never drops a spool whose claim is not
     * on disk here.
     */
    @Override
    public synchronized void stepClaimed(String host, String task, String step, long pid) {
        Map<String, Object> e = event("step_claimed");
        e.put("host", host);
        e.put("task", task);
        e.put("step", step);
        if (pid > 0) {
            e.put("pid", pid);
        }
        write(e, false);
        forces.soon();
    }

    /** Returns once every claim written so far is on disk (its force was asked when it was written). */
    @Override
    public void durable() {
        forces.await();
    }

    @Override
    public synchronized void stepDone(String host, String task, String step) {
        Map<String, Object> e = event("step_done");
        e.put("host", host);
        e.put("task", task);
        e.put("step", step);
        write(e, false);
    }

    @Override
    public synchronized void reattached(String host, String task, int attempts, boolean replayed) {
        Map<String, Object> e = event("reattached");
        e.put("host", host);
        e.put("task", task);
        e.put("attempts", attempts);
        e.put("replayed", replayed);
        write(e, true);
    }

    @Override
    public synchronized void included(Path included, List<String> hosts) {
        String abs = included.toAbsolutePath().normalize().toString();
        if (filesSeen.add(abs) && java.nio.file.Files.isRegularFile(included)) {
            Map<String, Object> e = event("file");
            e.put("path", abs);
            e.put("sha256", Checksums.sha256(included));
            write(e, false);
        }
    }

    @Override
    public synchronized void playStopped(PlayStop stop) {
        Map<String, Object> e = event("play_stop");
        e.put("play", play);
        e.put("name", stop.play());
        e.put("reason", stop.reason());
        e.put("never_started", stop.neverStarted());
        write(e, true);
    }

    @Override
    public synchronized void playEnd(String name, List<String> failed) {
        Map<String, Object> e = event("play_end");
        e.put("play", play);
        e.put("name", name);
        e.put("failed", failed);
        write(e, true);
    }

    @Override
    public synchronized void recap(Map<String, HostStats> recap, Duration elapsed) {
        stats = recap;
    }

    /**
     * Writes the last line. Called once by whoever owns the run (the CLI), which alone knows the exit
     * code; a second call is ignored, so a hard stop and the normal end cannot both write one.
     *
     * @param result "ok", "failed", "unreachable", "interrupted" or "error"
     */
    public synchronized void end(String result, int exitCode) {
        if (ended) {
            return;
        }
        ended = true;
        Map<String, Object> e = event("run_end");
        e.put("result", result);
        e.put("exit_code", exitCode);
        e.put("duration_ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        Map<String, Object> s = new LinkedHashMap<>();
        stats.forEach((h, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", c.ok());
            m.put("changed", c.changed());
            m.put("unreachable", c.unreachable());
            m.put("failed", c.failed());
            m.put("skipped", c.skipped());
            m.put("rescued", c.rescued());
            m.put("ignored", c.ignored());
            s.put(h, m);
        });
        e.put("stats", s);
        write(e, true);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            forces.close();
        } finally {
            channel.close();
        }
    }

    private Map<String, Object> taskLine(TaskResult r, String replayedFrom) {
        Map<String, Object> e = event("task");
        e.put("play", play);
        if (task != null) {
            e.put("task", PlayListener.where(task.pos(), playbookDir));
            if (!task.block().equals(task.pos())) {
                e.put("block", PlayListener.where(task.block(), playbookDir));
            }
            e.put("name", task.name());
            e.put("kind", task.kind().name().toLowerCase(Locale.ROOT));
        }
        e.put("action", r.action());
        e.put("host", r.host());
        r.delegatedTo().filter(d -> !d.equals(r.host())).ifPresent(d -> e.put("delegated_to", d));
        e.put("status", r.status().name().toLowerCase(Locale.ROOT));
        if (r.ignored()) {
            e.put("ignored", true);
        }
        if (taskStartedAt != null) {
            e.put("start", taskStartedAt.toString());
            e.put("duration_ms", Duration.ofNanos(System.nanoTime() - taskStarted).toMillis());
        }
        if (replayedFrom != null) {
            e.put("replayed_from", replayedFrom);
        }
        if (r.noLog()) {
            e.put("no_log", true);
        } else if (!r.action().equals("gather_facts")) {
            Map<String, Object> kept = new LinkedHashMap<>();
            r.result().forEach((k, v) -> {
                if (!NOT_KEPT.contains(k)) {
                    kept.put(k, v);
                }
            });
            Object plain = JsonLines.plain(kept);
            if (JsonLines.write(Map.of("r", plain)).length() > MAX_RESULT_CHARS) {
                e.put("result_too_large", true);
            } else {
                e.put("result", plain);
            }
        }
        return e;
    }

    private Map<String, Object> event(String name) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("time", clock.instant().toString());
        if (!name.equals("run_start")) {
            e.put("run_id", runId);
        }
        return e;
    }

    private void write(Map<String, Object> e, boolean sync) {
        if (ended && !"run_end".equals(e.get("event"))) {
            // A run hard-stopped in a command worker unwinds after its end was written: the end
            // stays the last line, as when the CLI's JVM exits right after writing it.
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap((JsonLines.write(e) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the run journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Waits for the forces asked before (the previous boundary's, the claims'), then asks this one on
     * the journal's fsync thread ({@link BackgroundForce}: a daemon, a run never waits on it to exit;
     * {@link #close} and every synchronous force that follows cover what it had not finished).
     */
    private void forceInBackground() {
        forces.await();
        forces.soon();
    }

}
