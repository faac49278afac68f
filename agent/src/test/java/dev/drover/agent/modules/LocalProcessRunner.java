package dev.drover.agent.modules;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal test-only {@link ProcessRunner} for modules that run a helper command (the
 * {@code validate} argument). The agent's real runner, with process-tree kill on timeout, lives in
 * the agent runtime; {@link CaseEnvironment} can take that one instead.
 */
final class LocalProcessRunner implements ProcessRunner {

    @Override
    public Completed run(List<String> argv, String cwd, Map<String, String> env, byte[] stdin, long timeoutMillis)
            throws ModuleException {
        long start = System.currentTimeMillis();
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (cwd != null) {
            pb.directory(new File(cwd));
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            boolean finished = timeoutMillis <= 0 ? p.waitFor(10, TimeUnit.MINUTES) : p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            return new Completed(finished ? p.exitValue() : -1, out.join(), err.join(), start, System.currentTimeMillis(), !finished);
        } catch (IOException e) {
            throw new ModuleException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while running " + argv.get(0), e);
        }
    }

    private static String drain(InputStream in) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return new String(buf.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
