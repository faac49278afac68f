package dev.drover.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * drover as a separate process, the way cron starts it: its own JVM (the test classpath), stdin
 * from /dev/null so there is no terminal, output to files. For what one JVM cannot show: two runs
 * competing for a lock, a holder killed with SIGKILL.
 */
final class DroverProcess {
    final Process process;
    final Path out;
    final Path err;

    private DroverProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static DroverProcess start(Path dir, String name, Map<String, String> env, String... args) throws IOException {
        return start(List.of(), List.of(), dir, name, env, args);
    }

    /** Like {@link #start(Path, String, Map, String...)}, with {@code jvmOptions} (e.g. {@code -Dx=y}) for drover's JVM. */
    static DroverProcess startWithJvmOptions(List<String> jvmOptions, Path dir, String name, Map<String, String> env,
            String... args) throws IOException {
        return start(List.of(), jvmOptions, dir, name, env, args);
    }

    /** Like {@link #start(Path, String, Map, String...)}, with the process's umask set first (e.g. {@code 000}). */
    static DroverProcess startUnderUmask(String umask, Path dir, String name, Map<String, String> env, String... args)
            throws IOException {
        return start(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), List.of(), dir, name, env, args);
    }

    private static DroverProcess start(List<String> prefix, List<String> jvmOptions, Path dir, String name,
            Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Secrets from the developer's shell would hide what an unattended run lacks.
        pb.environment().keySet().removeAll(List.of("DROVER_SSH_PASSPHRASE", "DROVER_SSH_PASSWORD", "DROVER_BECOME_PASSWORD"));
        pb.environment().putAll(env);
        return new DroverProcess(pb.start(), out, err);
    }

    /** Waits for the exit; a generous bound only so that a hang fails the test instead of the build. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("drover did not exit within 120 s");
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out);
    }

    String err() throws IOException {
        return Files.readString(err);
    }

    @Override
    public String toString() {
        try {
            return "--- stdout\n" + out() + "--- stderr\n" + err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
