package dev.drover.agent.step;

import dev.drover.agent.process.ProcessObserver;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * One step's spool directory, {@code <root>/<sha256(key)>/}. Creating the directory is the claim:
 * mkdir is atomic, so whatever the number of agents and controllers, one of them starts the step.
 * Its files:
 * <ul>
 *   <li>{@code claim}: the owner agent's pid and start time, the key, the module, when (written
 *       to a temp name and renamed, so it is complete or absent);</li>
 *   <li>{@code pid}: the step's child process ({@code <pid> <start time>}), when it has one;</li>
 *   <li>{@code output}: the child's stdout and stderr, appended as they arrive;</li>
 *   <li>{@code result.json}: the result, renamed into place when the module returned.</li>
 * </ul>
 * Threading: the owner's worker thread writes; any thread of any agent reads.
 */
public final class StepSpool implements ProcessObserver {
    private static final String RESULT = "result.json";

    private final Path dir;
    private final String key;
    private OutputStream output;

    private StepSpool(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /**
     * The spools live next to the agent cache, never under /tmp (tmp cleaners): in the home
     * directory, or, for a user without a writable home (become to {@code nobody}, whose home is
     * {@code /nonexistent}), in the directory the agent's jar runs from (its own
     * {@code /var/tmp/drover-agent-<uid>}, see the controller's SudoCommand).
     */
    public static Path root() {
        Path home = Paths.get(System.getProperty("user.home"), ".cache", "drover", "steps");
        if (Files.isDirectory(home) && Files.isWritable(home)) {
            return home;
        }
        try {
            Files.createDirectories(home);
            return home;
        } catch (IOException | SecurityException e) {
            Path jar = jarDirectory();
            return jar == null ? home : jar.resolve("steps");
        }
    }

    private static Path jarDirectory() {
        try {
            java.security.CodeSource source = StepSpool.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Paths.get(source.getLocation().toURI());
            return jar == null || !Files.isRegularFile(jar) ? null : jar.getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    public static StepSpool of(Path root, String key) {
        return new StepSpool(root.resolve(Messages.stepSpoolName(key)), key);
    }

    /**
     * The spool whose directory is {@code name} under {@code root} (an async job's id), or null when
     * the name is not a spool directory name (a path, or {@code ..}).
     */
    public static StepSpool named(Path root, String name) {
        return name.matches("[0-9a-f]{64}") ? new StepSpool(root.resolve(name), "?") : null;
    }

    /** An existing spool directory found by cleanup; its key is whatever its claim says. */
    static StepSpool at(Path dir) {
        return new StepSpool(dir, "?");
    }

    public Path dir() {
        return dir;
    }

    public String key() {
        return key;
    }

    /** Whether the spool directory exists (claimed, or being claimed). */
    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Creates the directory; false when another agent (or an earlier run) claimed the key first. */
    public boolean claim(String module) throws IOException {
        Path root = dir.getParent();
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        // Properties' own format (readClaim loads it), written without Properties.store: that formats
        // a date comment and builds a writer stack per call, more work than the rest of a quick step's
        // claim in an agent whose per-step code is still interpreted (the first hundreds of steps).
        StringBuilder claim = new StringBuilder("#drover step claim\n");
        property(claim, "agent_pid", Long.toString(ProcFs.selfPid()));
        property(claim, "agent_start", Long.toString(ProcFs.selfStartTime()));
        property(claim, "step", key);
        property(claim, "module", module);
        property(claim, "started", Long.toString(System.currentTimeMillis()));
        Path tmp = dir.resolve("claim.tmp");
        write(tmp, claim.toString().getBytes(StandardCharsets.ISO_8859_1));
        Files.move(tmp, dir.resolve("claim"), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** One {@code key=value} line escaped as {@link Properties#store} escapes it (ISO 8859-1, other characters as unicode escapes). */
    static void property(StringBuilder out, String key, String value) {
        escape(out, key, true);
        out.append('=');
        escape(out, value, false);
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ':
                    out.append(i == 0 || key ? "\\ " : " ");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '=': case ':': case '#': case '!': case '\\':
                    out.append('\\').append(c);
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
                        out.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        out.append(c);
                    }
            }
        }
    }

    /** Creates or truncates {@code file} and writes {@code bytes}: one open, write and close. */
    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(bytes);
        }
    }

    /** The claim, or null when it is absent (not yet written, or the owner died between mkdir and write). */
    public Properties readClaim() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("claim"))) {
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }

    public boolean ownerAlive(Properties claim) {
        return ProcFs.alive(number(claim.getProperty("agent_pid")), number(claim.getProperty("agent_start")));
    }

    /** The step's child process: {pid, start time}, or null when it started none. */
    public long[] stepProcess() {
        try {
            String[] f = new String(Files.readAllBytes(dir.resolve("pid")), StandardCharsets.UTF_8).trim().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the result is recorded (without reading it). */
    public boolean finished() {
        return Files.isRegularFile(dir.resolve(RESULT));
    }

    /** The recorded result, or null while there is none. */
    public Map<String, Object> readResult() {
        Path file = dir.resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.read(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the result under a temp name and renames it, so a reader sees all of it or nothing. */
    public synchronized void finish(Map<String, Object> result) throws IOException {
        closeOutput();
        Path tmp = dir.resolve(RESULT + ".tmp");
        write(tmp, Json.write(result));
        Files.move(tmp, dir.resolve(RESULT), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The last {@code lines} lines of the step's output (at most its last 16 KiB). */
    public String outputTail(int lines) {
        File file = dir.resolve("output").toFile();
        try (RandomAccessFile raf = new RandomAccessFile(file, "r")) {
            long from = Math.max(0, raf.length() - 16384);
            byte[] bytes = new byte[(int) (raf.length() - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            StringBuilder tail = new StringBuilder();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                tail.append(all[i]).append('\n');
            }
            return tail.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Deletes the spool; the key may then be run again. */
    public void delete() {
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        dir.toFile().delete();
    }

    @Override
    public synchronized void started(long pid) {
        try {
            write(dir.resolve("pid"), (pid + " " + ProcFs.startTime(pid) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Without the pid a lost step is reported without it; the step itself goes on.
        }
    }

    @Override
    public synchronized void output(byte[] bytes, int offset, int length) {
        try {
            if (output == null) {
                output = new FileOutputStream(dir.resolve("output").toFile(), true);
            }
            output.write(bytes, offset, length);
        } catch (IOException e) {
            // A full disk must not fail the step: its output still reaches the result in memory.
        }
    }

    private void closeOutput() {
        if (output != null) {
            try {
                output.close();
            } catch (IOException e) {
                // Everything written so far is in the file.
            }
            output = null;
        }
    }

    static long number(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
