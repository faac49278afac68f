package dev.drover.agent.process;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills a child process together with its descendants. Java 8 has no ProcessHandle, and killing
 * only the direct child is not enough: {@code sh -c "sleep 600; echo done"} leaves {@code sleep}
 * running with the output pipes open, so the runner would wait for it anyway. On Linux the
 * descendants are found through /proc (parent pid links) <em>before</em> the child dies, since
 * orphans are re-parented and lose the link. Elsewhere only the child itself is killed.
 */
final class ProcessTree {
    private static final File NULL_DEVICE = new File("/dev/null");
    /** Process.pid() (Java 9+), looked up once: every command step asks; null on Java 8. */
    private static final Method PID = pidMethod();

    private ProcessTree() {
    }

    /** SIGTERM to the tree, then after {@code graceMillis} SIGKILL to whatever is still alive. */
    static void kill(Process root, long graceMillis) throws InterruptedException {
        long pid = pid(root);
        Set<Long> tree = pid > 0 ? descendants(pid) : new LinkedHashSet<Long>();
        // The child first: were its children to die first, it could go on with its script.
        root.destroy();
        signal("TERM", tree);
        if (!root.waitFor(graceMillis, TimeUnit.MILLISECONDS) && pid > 0) {
            tree.addAll(descendants(pid));
        }
        List<Long> alive = new ArrayList<>();
        for (Long p : tree) {
            if (new File("/proc/" + p).exists()) {
                alive.add(p);
            }
        }
        signal("KILL", alive);
        root.destroyForcibly();
        root.waitFor(graceMillis, TimeUnit.MILLISECONDS);
    }

    /** Like {@link #kill(Process, long)} for a process known only by its pid (not our child). */
    static void kill(long pid, long graceMillis) throws InterruptedException {
        Set<Long> tree = descendants(pid);
        List<Long> root = new ArrayList<>();
        root.add(pid);
        signal("TERM", root);
        signal("TERM", tree);
        long deadline = System.currentTimeMillis() + graceMillis;
        while (new File("/proc/" + pid).exists() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        tree.addAll(descendants(pid));
        tree.add(pid);
        List<Long> alive = new ArrayList<>();
        for (Long p : tree) {
            if (new File("/proc/" + p).exists()) {
                alive.add(p);
            }
        }
        signal("KILL", alive);
    }

    /** The child's pid: Process.pid() on Java 9+, the UNIXProcess field on Java 8; -1 if neither. */
    static long pid(Process process) {
        if (PID != null) {
            try {
                return ((Number) PID.invoke(process)).longValue();
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall through to the implementation field
            }
        }
        try {
            Field pid = process.getClass().getDeclaredField("pid");
            pid.setAccessible(true);
            return ((Number) pid.get(process)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static Method pidMethod() {
        try {
            return Process.class.getMethod("pid");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** All transitive children of {@code pid}, parents before children; empty without /proc. */
    static Set<Long> descendants(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        File[] entries = new File("/proc").listFiles();
        if (entries != null) {
            for (File entry : entries) {
                long child = parseLong(entry.getName());
                long parent = child > 0 ? parentOf(entry) : -1;
                if (parent > 0) {
                    List<Long> list = children.get(parent);
                    if (list == null) {
                        list = new ArrayList<>();
                        children.put(parent, list);
                    }
                    list.add(child);
                }
            }
        }
        Set<Long> found = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            List<Long> direct = children.get(todo.poll());
            if (direct != null) {
                for (Long c : direct) {
                    if (found.add(c)) {
                        todo.add(c);
                    }
                }
            }
        }
        return found;
    }

    /** The ppid field of /proc/PID/stat; the command name before it may contain spaces and ')'. */
    private static long parentOf(File procEntry) {
        try {
            String stat = new String(Files.readAllBytes(Paths.get(procEntry.getPath(), "stat")), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields.length > 1 ? parseLong(fields[1]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // The process exited while we looked, or this is not Linux's /proc.
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Uses the shell's kill builtin: present wherever /bin/sh is, unlike a separate kill binary. */
    private static void signal(String signal, Iterable<Long> pids) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("/bin/sh");
        command.add("-c");
        command.add("kill -s " + signal + " \"$@\" 2>/dev/null; exit 0");
        command.add("sh");
        for (Long p : pids) {
            command.add(String.valueOf(p));
        }
        if (command.size() == 4) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE))
                    .redirectOutput(ProcessBuilder.Redirect.to(NULL_DEVICE))
                    .redirectError(ProcessBuilder.Redirect.to(NULL_DEVICE))
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No shell to send signals with: destroying the direct child is all we can do.
        }
    }
}
