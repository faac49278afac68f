package dev.drover.cli;

import dev.drover.persist.PersistClient;
import dev.drover.persist.PersistDir;
import dev.drover.persist.PersistServer;
import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentPools;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "persist", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "The per-user process that keeps hosts' connections and agents between runs (drover's ControlPersist).",
        "status: what it holds; stop: end it (and every held agent); serve: run it in the foreground",
        "(exec and run start it on their own; it stops by itself when idle)."})
final class PersistCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "status, stop, serve or work (a command worker, started by exec)")
    String action;

    @Option(names = "--work", description = "serve: be a command worker for this directory and environment too"
            + " (what exec and run start when they want both: one JVM instead of two).")
    boolean work;

    @Mixin
    PersistOptions persist;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PersistDir dir = persist.persistDir();
        switch (action) {
            case "status" -> status(dir, out);
            case "stop" -> {
                Map<String, Object> reply = ask(dir, "stop");
                out.println(reply.isEmpty() ? "no persist process is running (" + dir.socket() + ")" : "persist process stopped");
                // A worker whose socket file is gone stops within half a second, after its running command.
                List<java.nio.file.Path> workers = CommandWorker.sockets(dir);
                for (java.nio.file.Path w : workers) {
                    java.nio.file.Files.deleteIfExists(w);
                }
                if (!workers.isEmpty()) {
                    out.println(workers.size() + " command worker(s) stopped");
                }
            }
            case "work" -> {
                Duration keep = persist.keep().isZero() ? Duration.ofSeconds(PersistOptions.DEFAULT_SECONDS) : persist.keep();
                try (CommandWorker worker = new CommandWorker(dir, keep, System.out)) {
                    if (!worker.start()) {
                        return ExitCodes.OK;
                    }
                    worker.awaitStopped();
                }
            }
            case "serve" -> {
                Duration keep = persist.keep().isZero() ? Duration.ofSeconds(PersistOptions.DEFAULT_SECONDS) : persist.keep();
                // With --work one JVM is both; it exits when both have stopped (each when idle for the keep time).
                try (PersistServer server = new PersistServer(dir, AgentPools.transports(),
                        new AgentBootstrap(AgentJar.embedded()), keep, System.out);
                     CommandWorker worker = work ? new CommandWorker(dir, keep, System.out) : null) {
                    boolean serving = server.start();
                    if (!serving) {
                        out.println("a persist process already answers on " + dir.socket());
                    }
                    boolean working = worker != null && worker.start();
                    if (serving) {
                        server.awaitStopped();
                    }
                    if (working) {
                        worker.awaitStopped();
                    }
                }
            }
            default -> throw new UserError("unknown persist action '" + action + "': use status, stop, serve or work");
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> ask(PersistDir dir, String type) {
        try {
            return PersistClient.ask(dir, type);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static void status(PersistDir dir, PrintWriter out) {
        Map<String, Object> s = ask(dir, "status");
        if (s.isEmpty()) {
            out.println("no persist process is running (" + dir.socket() + ")");
            return;
        }
        out.println("persist process " + s.get("pid") + " on " + s.get("socket") + ", keeps agents "
                + ((Number) s.get("keep_ms")).longValue() / 1000 + " s after use");
        List<?> held = (List<?>) s.get("held");
        if (held.isEmpty()) {
            out.println("  holds nothing");
        }
        int workers = CommandWorker.sockets(dir).size();
        if (workers > 0) {
            out.println("  command workers: " + workers + " (one per directory and environment exec ran in)");
        }
        for (Object o : held) {
            Map<?, ?> h = (Map<?, ?>) o;
            out.printf("  %s  %s@%s:%s%s  agents %s (%s leased), leases %s, idle %d s%n", h.get("host"),
                    h.get("user") == null ? "-" : h.get("user"), h.get("address") == null ? h.get("host") : h.get("address"),
                    h.get("port") == null ? "-" : h.get("port"), h.get("become") == null ? "" : " become " + h.get("become"),
                    h.get("agents"), h.get("leased"), h.get("leases"), ((Number) h.get("idle_ms")).longValue() / 1000);
        }
    }
}
