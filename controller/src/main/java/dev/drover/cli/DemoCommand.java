package dev.drover.cli;

import dev.drover.demo.DemoException;
import dev.drover.demo.DemoSettings;
import dev.drover.demo.Sandbox;
import dev.drover.demo.SandboxState;
import dev.drover.report.DemoPrinter;
import dev.drover.report.Style;
import dev.drover.state.StateDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drover demo}: the ACS cluster upgrade on a sandbox (docs/demo.md). The sandbox comes from
 * {@link dev.drover.demo}; the upgrade itself is an ordinary {@code drover run} of
 * {@code playbooks/acs-cluster-upgrade.yml}, executed in-process through {@link Main#run}, so its
 * output and exit code are exactly a run's.
 */
@Command(name = "demo", description = {
    "Upgrade a three-node ACS cluster (5.1.0 -> 5.2.7) in a sandbox: simulated",
    "ACS nodes behind in-process SSH servers on 127.0.0.1, the real agent, the",
    "real playbooks/acs-cluster-upgrade.yml. Needs only Java. Exits with the",
    "run's exit code (2 when a node failed, as with --fail). See docs/demo.md.",
    "Examples:",
    "  drover demo",
    "  drover demo --fail node2     node2's new version fails: the rollout stops",
    "  drover demo --fail node1     the schema upgrade fails: the cluster rolls back",
    "  drover demo --serve          watch it in a browser, then keep it up to run the playbook by hand"},
        sortOptions = false, mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--fail", paramLabel = "NODE", description = "Make the new version fail on this node (node1, node2 or node3).")
    String failNode;

    @Option(names = "--fault", paramLabel = "FAULT", description = "The simulator's fault for --fail: schema-failure, content-integrity,"
            + " crash-during-upgrade, wrong-cluster-name, hang (default: schema-failure on node1, content-integrity on the others).")
    String fault;

    @Option(names = "--keep", description = "Keep the sandbox directory afterwards (the simulated nodes are stopped).")
    boolean keep;

    @Option(names = "--serve", description = "Serve the sandbox's runs in a browser (the URL is printed first, as with"
            + " drover run --serve), and afterwards keep the sandbox and the page up until Ctrl-C, to run the playbook by"
            + " hand against it. Implies --keep.")
    boolean serve;

    @Option(names = "--dir", paramLabel = "DIR", description = "The sandbox directory (new or empty; default: a fresh temporary one).")
    Path dir;

    @Option(names = "--fast", description = "Shorter simulated start and upgrade times.")
    boolean fast;

    @Option(names = "--documents", paramLabel = "N", defaultValue = "120", description = "Documents in the seeded repository (default ${DEFAULT-VALUE}).")
    int documents;

    String color;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto, always or never.")
    void color(String when) {
        color = OptionChecks.color(spec, when);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings;
        try {
            settings = new DemoSettings(Optional.ofNullable(dir), keep || serve, Optional.ofNullable(failNode),
                    Optional.ofNullable(fault), fast ? 200 : 1500, fast ? 600 : 4000, documents);
        } catch (DemoException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return demo(settings, color, serve, out, err, sandbox -> { });
    }

    /**
     * Sets up the sandbox, runs the upgrade, prints the data check, hands the sandbox to {@code inspect}
     * (tests look at it there, while its nodes still run), then closes it.
     */
    static int demo(DemoSettings settings, String color, boolean serve, PrintWriter out, PrintWriter err,
            Consumer<Sandbox> inspect) throws InterruptedException {
        DemoPrinter printer = new DemoPrinter(out, Style.choose(color));
        printer.banner(settings);
        long started = System.nanoTime();
        try (Sandbox sandbox = Sandbox.create(settings, line -> {
            out.println(line);
            out.flush();
        });
                // --serve: the page of the sandbox's runs (this one, and those run by hand later) until Ctrl-C.
                LiveServer page = serve ? LiveServer.start(new StateDir(sandbox.stateDir()), ServeCommand.DEFAULT_PORT,
                        "runs/last", "Watch the upgrade in a browser", out) : LiveServer.none()) {
            List<String> args = new ArrayList<>(sandbox.runArguments());
            printer.command(args);
            args.addAll(List.of("--color", color));
            int code = Main.run(args.toArray(String[]::new), out, err);
            SandboxState after = sandbox.inspect();
            printer.summary(sandbox.before(), after);
            out.printf("%nThe demo took %d s.%n", (System.nanoTime() - started) / 1_000_000_000L);
            inspect.accept(sandbox);
            if (serve) {
                serveUntilInterrupted(sandbox, out, settings);
            } else if (settings.keep()) {
                out.println("The sandbox is kept in " + sandbox.root() + " (its nodes are stopped; its SSH servers ended"
                        + " with this command). To run the playbook by hand against a live sandbox, use drover demo --serve.");
            }
            return code;
        } catch (DemoException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void serveUntilInterrupted(Sandbox sandbox, PrintWriter out, DemoSettings settings) throws InterruptedException {
        out.println();
        out.println("The sandbox " + sandbox.root() + " stays up until Ctrl-C (its nodes, and their SSH servers in this process).");
        out.println("Run the same playbook by hand against it, from another terminal in this clone:");
        out.println("  ./drover " + String.join(" ", sandbox.runArguments()));
        settings.failNode().ifPresent(n -> {
            out.println("With the fault cleared, the same run goes on where it stopped (upgraded nodes are skipped):");
            out.println("  ./drover " + String.join(" ", sandbox.runArguments()) + " -e demo_fault=none");
        });
        out.println("Ctrl-C stops the nodes and the servers and keeps the directory.");
        out.flush();
        // The shutdown hook of the sandbox stops everything when the operator presses Ctrl-C.
        new CountDownLatch(1).await();
    }
}
