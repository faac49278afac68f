package dev.drover.serve;

import dev.drover.journal.Journal;
import dev.drover.journal.RunId;
import dev.drover.journal.RunSummary;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The runs of a state directory as {@link RunRow}s, newest first. A journal is parsed once and
 * kept until its size or modification time changes, so listing 1,000 runs costs 1,000 {@code stat}
 * calls, not 1,000 parses (bench/serve-runs-list.sh).
 *
 * <p>Only journals owned by the user serving them are listed or opened ({@link #journal}): a state
 * directory shared by several operators does not show one's runs (their results, hosts, output) to
 * another's browser. A journal that cannot be read is left out of the list, never an error page.
 *
 * <p>Thread-safe: the cache is concurrent; two threads may parse the same changed journal once each.
 */
public final class RunIndex {
    private final StateDir state;
    private final String user;
    private final Clock clock;
    private final Integer uid;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long size, long modified, RunRow row, long pid) {
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
            long size = a.size();
            long modified = a.lastModifiedTime().toMillis();
            Cached c = cache.get(id);
            if (c == null || c.size() != size || c.modified() != modified) {
                Journal j = Journal.read(file.get());
                c = new Cached(size, modified, toRow(j, user), j.start().pid());
                cache.put(id, c);
            }
            return Optional.of(c.row().exitCode() == null ? live(c) : c.row());
        } catch (IOException | RuntimeException e) {
            // A journal being created (no run_start yet) or damaged: not listed rather than a broken page.
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
    private RunRow live(Cached c) {
        RunRow r = c.row();
        boolean alive = c.pid() > 0 && ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return r;
        }
        long soFar = Math.max(r.durationMs(), Duration.between(r.started(), clock.instant()).toMillis());
        return new RunRow(r.id(), r.playbook(), r.inventory(), r.started(), soFar, RunRow.RUNNING, null, r.hosts(),
                r.failedHosts(), r.user(), r.resumedFrom(), r.check());
    }

    static RunRow toRow(Journal j, String owner) {
        RunSummary s = RunSummary.of(j);
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        j.plays().values().forEach(p -> hosts.addAll(p.hosts()));
        j.tasks().forEach(t -> hosts.add(t.host()));
        return new RunRow(j.runId(), String.valueOf(j.start().playbook()),
                j.start().inventory().stream().map(dev.drover.journal.RunStart.Source::source).toList(), j.start().started(),
                s.duration().toMillis(), s.result(), s.exitCode().orElse(null), List.copyOf(hosts), s.failedHosts(), owner,
                j.start().resumedFrom(), j.start().check());
    }
}
