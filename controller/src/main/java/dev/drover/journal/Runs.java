package dev.drover.journal;

import dev.drover.state.PrivateFiles;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The runs of a state directory: {@code <state>/runs/<run-id>/journal.jsonl}, and
 * {@code <state>/runs/last}, a file holding the id of the newest run (a file, not a symlink, so it
 * works on every filesystem and is replaced atomically).
 */
public final class Runs {
    public static final String LAST = "last";
    private final StateDir state;
    private final Random random = new Random();

    public Runs(StateDir state) {
        this.state = state;
    }

    public Path dir() {
        return state.runs();
    }

    /** Creates a new run's directory and points {@code last} at it; returns the journal's path and id. */
    public Path create(Instant now) throws IOException {
        return create(now, RunId.next(now, random));
    }

    /**
     * Like {@link #create(Instant)}, with the id the run already announced (log file, JSON events,
     * lock); a fresh id is drawn only if that one is taken.
     */
    public Path create(Instant now, String wanted) throws IOException {
        PrivateFiles.directoryKeepingItsMode(state.root());
        PrivateFiles.directory(state.runs());
        for (int attempt = 0; ; attempt++) {
            String id = attempt == 0 ? wanted : RunId.next(now, random);
            Path dir = state.runs().resolve(id);
            try {
                Files.createDirectory(dir, PrivateFiles.directoryAttributes(dir));
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            Path tmp = state.runs().resolve(LAST + "." + id + ".tmp");
            try (FileChannel ch = PrivateFiles.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            Files.move(tmp, state.runs().resolve(LAST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return dir.resolve(Journal.FILE_NAME);
        }
    }

    /**
     * The journal of run {@code idOrLast} ({@code last}: the newest run). An unknown id is an error
     * naming the state directory and the newest runs.
     */
    public Path journal(String idOrLast) throws NoSuchRunException {
        String id = idOrLast;
        if (idOrLast.equals(LAST)) {
            Path last = state.runs().resolve(LAST);
            try {
                id = Files.readString(last).strip();
            } catch (IOException e) {
                throw new NoSuchRunException("no runs recorded in " + state.runs() + " yet (no 'last' file); run a"
                        + " playbook first, or pass --state-dir where its runs are");
            }
        }
        Path file = state.runs().resolve(id).resolve(Journal.FILE_NAME);
        if (!RunId.isRunId(id) || !Files.isRegularFile(file)) {
            List<String> known = ids();
            List<String> newest = known.subList(Math.max(0, known.size() - 5), known.size());
            throw new NoSuchRunException("no run '" + idOrLast + "' in " + state.runs() + (known.isEmpty() ? " (no runs yet)"
                    : "; newest runs: " + String.join(", ", newest) + " (drover history lists them all)"));
        }
        return file;
    }

    /** The ids of every run with a journal, oldest first. */
    /** When run {@code id}'s directory was made (nanosecond clocks where the file system has them). */
    private java.nio.file.attribute.FileTime created(String id) {
        try {
            return Files.readAttributes(state.runs().resolve(id), java.nio.file.attribute.BasicFileAttributes.class).creationTime();
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    public List<String> ids() {
        if (!Files.isDirectory(state.runs())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(state.runs())) {
            // Oldest first. An id names its start to the second; runs started within one second
            // (a quick failure, then its resume) are ordered by when their directory was made.
            dirs.map(p -> p.getFileName().toString()).filter(RunId::isRunId)
                    .filter(id -> Files.isRegularFile(state.runs().resolve(id).resolve(Journal.FILE_NAME)))
                    .sorted(java.util.Comparator.comparing((String id) -> id.substring(0, 15)).thenComparing(this::created))
                    .forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** No journal for the requested run. */
    public static final class NoSuchRunException extends Exception {
        private static final long serialVersionUID = 1L;

        public NoSuchRunException(String message) {
            super(message);
        }
    }
}
