package dev.drover.serve;

import dev.drover.journal.Journal;
import dev.drover.journal.RunId;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The runs of a state directory as {@link RunRow}s, newest first. Each journal is read once, from
 * where the last read stopped: a finished run's row is kept, so listing 1,000 runs costs 1,000
 * {@code stat} calls, not 1,000 parses, and a live run's journal costs each list only the lines
 * it gained since the last ({@link RowFold}); a journal replaced or cut is read again from its
 * start (bench/serve.sh).
 *
 * <p>Only journals owned by the user serving them are listed or opened ({@link #journal}): a state
 * directory shared by several operators does not show one's runs (their results, hosts, output) to
 * another's browser. A journal that cannot be read is left out of the list, never an error page.
 *
 * <p>Thread-safe: the cache is concurrent, and each journal is read under its own lock.
 */
public final class RunIndex {
    private final StateDir state;
    private final String user;
    private final Clock clock;
    private final Integer uid;
    private final Map<String, Followed> cache = new ConcurrentHashMap<>();

    /**
     * One journal as far as it was read: its tail (the offset reached) and the row folded from the
     * lines before it. Guarded by its own lock.
     */
    private static final class Followed {
        final JournalTail tail;
        final RowFold fold = new RowFold();
        long size = -1;
        long modified;
        Object fileKey;

        Followed(Path file) {
            this.tail = new JournalTail(file);
        }
    }

    /** @param user the serving user's name: journals owned by anyone else are not served */
    public RunIndex(StateDir state, String user, Clock clock) {
        this.state = state;
        this.user = user;
        this.clock = clock;
        this.uid = uidOf(user);
    }

    /** {@code user}'s uid, when it is this process's user on a Unix system (else null: compare names). */
    private static Integer uidOf(String user) {
        try {
            Path self = Path.of("/proc/self");
            if (Files.exists(self) && Files.getOwner(self).getName().equals(user)) {
                return (Integer) Files.getAttribute(self, "unix:uid");
            }
        } catch (IOException | RuntimeException e) {
            // No /proc or no unix view: names are compared.
        }
        return null;
    }

    /** The index of {@code state} for the user running this JVM. */
    public static RunIndex forCurrentUser(StateDir state) {
        return new RunIndex(state, System.getProperty("user.name"), Clock.systemUTC());
    }

    public StateDir state() {
        return state;
    }

    /** Every served run, newest first, that {@code filter} keeps. */
    public List<RunRow> list(Predicate<RunRow> filter) {
        List<RunRow> out = new ArrayList<>();
        for (String id : ids()) {
            row(id).filter(filter).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(RunRow::started).thenComparing(RunRow::id).reversed());
        return out;
    }

    /** One run, if it exists and is served. {@code last} is the newest served run. */
    public Optional<RunRow> row(String id) {
        if (id.equals("last")) {
            return list(r -> true).stream().findFirst();
        }
        Optional<Path> file = journal(id);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file.get(), BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Followed f = cache.computeIfAbsent(id, k -> new Followed(file.get()));
            Optional<RunRow> row;
            long pid;
            synchronized (f) {
                if (f.size != a.size() || f.modified != a.lastModifiedTime().toMillis() || !Objects.equals(f.fileKey, a.fileKey())) {
                    if (a.size() < f.tail.offset() || (f.fileKey != null && !f.fileKey.equals(a.fileKey()))) {
                        // Not the journal read so far (replaced, or cut): read the new one from its start.
                        cache.remove(id, f);
                        return row(id);
                    }
                    f.size = a.size();
                    f.modified = a.lastModifiedTime().toMillis();
                    f.fileKey = a.fileKey();
                    // Only the bytes added since the last read: a live run's journal is never read twice.
                    long before;
                    do {
                        before = f.tail.offset();
                        f.tail.poll().forEach(f.fold::apply);
                    } while (f.tail.offset() != before);
                }
                row = f.fold.row(user);
                pid = f.fold.pid();
            }
            // A journal being created (no run_start yet): not listed until it has one.
            return row.map(r -> r.exitCode() == null ? live(r, pid) : r);
        } catch (IOException | RuntimeException e) {
            // A damaged journal: not listed rather than a broken page.
            return Optional.empty();
        }
    }

    /**
     * The journal of run {@code id} when it is served: an id of this state directory (never a path),
     * a regular file, owned by the serving user.
     */
    public Optional<Path> journal(String id) {
        if (!RunId.isRunId(id)) {
            return Optional.empty();
        }
        Path file = state.runs().resolve(id).resolve(Journal.FILE_NAME);
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !ownedByUser(file)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /**
     * Whether the serving user owns {@code file}. By uid where the file system has one (a number
     * compared; resolving an owner's name reads the user database each time, 1,000 times for 1,000
     * runs), else by the owner's name.
     */
    private boolean ownedByUser(Path file) throws IOException {
        if (uid != null) {
            try {
                return uid.equals(Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // Not a Unix file system: by name below.
            }
        }
        return owner(file).equals(user);
    }

    private List<String> ids() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(state.runs())) {
            dirs.map(p -> p.getFileName().toString()).filter(RunId::isRunId).forEach(out::add);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static String owner(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS).owner().getName();
        } catch (UnsupportedOperationException e) {
            return Files.getOwner(file).getName();
        }
    }

    /**
     * A journal without its end: {@value RunRow#RUNNING} while the process that writes it is alive
     * (its pid, on this machine), with the time so far; else as {@code drover history} shows it.
     */
    private RunRow live(RunRow r, long pid) {
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return r;
        }
        long soFar = Math.max(r.durationMs(), Duration.between(r.started(), clock.instant()).toMillis());
        return new RunRow(r.id(), r.playbook(), r.inventory(), r.started(), soFar, RunRow.RUNNING, null, r.hosts(),
                r.failedHosts(), r.user(), r.resumedFrom(), r.check());
    }
}
