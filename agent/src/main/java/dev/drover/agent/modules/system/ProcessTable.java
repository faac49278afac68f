package dev.drover.agent.modules.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pattern} of {@code service}: processes whose command line contains a text, read from
 * {@code /proc/<pid>/cmdline} (no {@code ps} process). The agent itself and its ancestors' shells
 * never carry the pattern (module arguments travel in frames, not on command lines), but the
 * agent's own pid is skipped anyway.
 */
final class ProcessTable {
    private ProcessTable() {
    }

    static List<Long> matching(String pattern) {
        List<Long> pids = new ArrayList<>();
        long self = selfPid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && commandLine(proc).contains(pattern)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // No /proc (not Linux): nothing matches.
        }
        return pids;
    }

    private static String commandLine(Path proc) {
        try {
            // Arguments are NUL-separated; a space-joined line is what ps and Ansible's pattern see.
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }

    private static long selfPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Paths.get("/proc/self")).toString());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
