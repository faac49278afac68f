package dev.drover.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per phase, {@code <System.nanoTime()> <pid> <phase> <subject>}, to the file
 * {@code DROVER_TRACE} (or the system property {@code drover.trace}) names, when one does. The
 * clock is Linux's CLOCK_MONOTONIC, the same in every JVM of the machine, so the command worker's
 * and the persist process's lines (both append to the file, each line one {@code O_APPEND} write)
 * line up. Off (the default) a mark costs one read of a final field.
 *
 * <p>Threading: any thread; a line is one write, so lines never interleave.
 */
public final class Trace {
    private static final FileChannel FILE = open();
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private Trace() {
    }

    /** Whether phases are recorded: callers skip building a subject when not. */
    public static boolean on() {
        return FILE != null;
    }

    /** Records that {@code phase} happened now for {@code subject} (a host, a task position). */
    public static void mark(String phase, Object subject) {
        if (FILE == null) {
            return;
        }
        String line = System.nanoTime() + " " + PID + " " + phase + " " + subject + "\n";
        try {
            FILE.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // A trace is a diagnostic: losing a line never fails a run.
        }
    }

    private static FileChannel open() {
        String name = System.getProperty("drover.trace", System.getenv("DROVER_TRACE"));
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return FileChannel.open(Path.of(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("[WARNING]: DROVER_TRACE: cannot open " + name + ": " + e.getMessage());
            return null;
        }
    }
}
