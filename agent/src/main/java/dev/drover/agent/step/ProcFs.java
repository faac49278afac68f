package dev.drover.agent.step;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Process identity through Linux's /proc: a pid together with its start time (field 22 of
 * /proc/PID/stat, in clock ticks since boot) names one process for good, so a pid reused by another
 * program after a reboot or a wrap-around is never mistaken for the step's.
 */
final class ProcFs {
    private ProcFs() {
    }

    /** This agent's pid and start time: read once, they never change. */
    private static volatile long[] self;

    static long selfPid() {
        return self()[0];
    }

    static long selfStartTime() {
        return self()[1];
    }

    private static long[] self() {
        long[] s = self;
        if (s == null) {
            long pid = readSelfPid();
            s = new long[] {pid, startTime(pid)};
            self = s;
        }
        return s;
    }

    private static long readSelfPid() {
        try {
            return Long.parseLong(new File("/proc/self").getCanonicalFile().getName());
        } catch (IOException | NumberFormatException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            try {
                return Long.parseLong(name.substring(0, name.indexOf('@')));
            } catch (RuntimeException notAPid) {
                return -1;
            }
        }
    }

    /** The process's start time, or -1 when it does not exist (or this is not Linux). */
    static long startTime(long pid) {
        if (pid <= 0) {
            return -1;
        }
        // Read and scanned by hand: every command step asks for its process's, and in an agent whose
        // per-step code is still interpreted a readAllBytes and a split of 52 fields cost more than the read.
        byte[] buf = new byte[1024];
        int n = 0;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        int i = n - 1;
        while (i >= 0 && buf[i] != ')') {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        // After ") ": state is field 3; the start time is field 22, 19 spaces further on.
        int field = 0;
        for (i += 2; i < n && field < 19; i++) {
            if (buf[i] == ' ') {
                field++;
            }
        }
        long value = 0;
        int digits = 0;
        for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++, digits++) {
            value = value * 10 + (buf[i] - '0');
        }
        return field == 19 && digits > 0 ? value : -1;
    }

    /** Whether the process {@code pid} that started at {@code startTime} still runs (a zombie does not). */
    static boolean alive(long pid, long startTime) {
        if (pid <= 0 || startTime(pid) != startTime || startTime < 0) {
            return false;
        }
        try {
            String stat = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "stat")),
                    StandardCharsets.UTF_8);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
