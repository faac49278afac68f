package dev.drover.journal;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** sha256 of the files a run depends on, and which of them changed since. */
public final class Checksums {
    private Checksums() {
    }

    /**
     * The playbook file and every file its plays and tasks come from (import_playbook, import_tasks),
     * and the files of every role it applies (roles:, import_role, include_role naming its role).
     */
    public static Map<String, String> ofPlaybook(Playbook playbook) {
        Map<String, String> out = new TreeMap<>();
        add(out, playbook.source());
        for (Play play : playbook.plays()) {
            add(out, play.pos().file());
            for (List<Task> section : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                addTasks(out, section);
            }
        }
        return out;
    }

    private static void addTasks(Map<String, String> out, List<Task> tasks) {
        for (Task t : tasks) {
            add(out, t.pos().file());
            if (t instanceof dev.drover.playbook.TaskInclude inc && inc.role().isPresent()) {
                addTasks(out, List.of(inc.role().get()));
            }
            if (t instanceof Block b) {
                b.role().ifPresent(r -> addRole(out, r.path()));
                addTasks(out, b.block());
                addTasks(out, b.rescue());
                addTasks(out, b.always());
            }
        }
    }

    /**
     * A role's task, handler, defaults, vars and meta files: all of them, not only those applied, since
     * a changed {@code defaults/main.yml} changes what the role's tasks do as much as a changed task.
     */
    private static void addRole(Map<String, String> out, Path role) {
        for (String sub : List.of("tasks", "handlers", "defaults", "vars", "meta")) {
            Path d = role.resolve(sub);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> add(out, f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void add(Map<String, String> out, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!out.containsKey(abs.toString()) && Files.isRegularFile(abs)) {
            out.put(abs.toString(), sha256(abs));
        }
    }

    /** An inventory source: a file's sha256, a directory's over its sorted files, empty for a host list. */
    public static Optional<String> ofSource(String source) {
        Path p = Path.of(source.startsWith("@") ? source.substring(1) : source);
        if (Files.isRegularFile(p)) {
            return Optional.of(sha256(p));
        }
        if (Files.isDirectory(p)) {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.walk(p)) {
                files.filter(Files::isRegularFile).sorted()
                        .forEach(f -> all.append(p.relativize(f)).append(' ').append(sha256(f)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.of(digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** The files of {@code recorded} (path to sha256) that are now different or gone, each with why. */
    public static List<String> changed(Map<String, String> recorded) {
        List<String> out = new ArrayList<>();
        recorded.forEach((file, sum) -> {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                out.add(file + " (gone)");
            } else if (!sha256(p).equals(sum)) {
                out.add(file + " (sha256 was " + sum.substring(0, 12) + "..., now " + sha256(p).substring(0, 12) + "...)");
            }
        });
        return out;
    }

    static String sha256(Path file) {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(sha().digest(bytes));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
