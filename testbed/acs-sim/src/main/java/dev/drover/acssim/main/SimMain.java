package dev.drover.acssim.main;

import dev.drover.acssim.Flags;
import dev.drover.acssim.SimException;
import dev.drover.acssim.dist.Distribution;
import dev.drover.acssim.dist.DistributionZip;
import dev.drover.acssim.dist.OperatorTomcat;
import dev.drover.acssim.dist.RunningJar;
import dev.drover.acssim.node.NodeControl;
import dev.drover.acssim.node.NodeProcess;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.tools.ToolCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Entry point of {@code acs-sim.jar}: dispatches the commands of docs/testbed-acs-sim.md. Errors a user
 * can cause print one line to stderr (no stack trace) and exit with {@link SimException#exitCode()}.
 */
public final class SimMain {
    private static final String USAGE = "usage: java -jar acs-sim.jar <command> ...\n"
            + "  dist --version V --out DIR [--layout installer|distribution]\n"
            + "  tomcat --out DIR [--port 8080]\n"
            + "  node start|stop|status --home ACS_HOME\n"
            + "  node run --home ACS_HOME [--catalina-base TOMCAT]";

    private SimMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (SimException e) {
            System.err.println("acs-sim: " + e.getMessage());
            code = e.exitCode();
        } catch (IOException e) {
            System.err.println("acs-sim: " + e);
            code = SimException.FAILED;
        } catch (InterruptedException e) {
            code = 99;
        }
        System.exit(code);
    }

    static int run(String[] args) throws IOException, InterruptedException {
        String command = args.length == 0 ? "" : args[0];
        // amp, seed, fingerprint and db: the tools of the tests and the demo.
        if (ToolCommands.handles(command)) {
            return ToolCommands.run(args, System.out, System.err);
        }
        switch (command) {
            case "dist": {
                Flags o = Flags.parse("dist", Flags.tail(args, 1), "--version", "--out", "--layout");
                Persona p = Persona.of(o.required("--version"));
                Path out = Paths.get(o.required("--out"));
                String layout = o.optional("--layout", "installer");
                Path zip;
                if (layout.equals("installer")) {
                    zip = Distribution.write(p, out, RunningJar.locate());
                } else if (layout.equals("distribution")) {
                    zip = DistributionZip.write(p, out, RunningJar.locate());
                } else {
                    throw new SimException("dist: unknown --layout '" + layout + "'; use installer or distribution");
                }
                System.out.println(zip);
                return 0;
            }
            case "tomcat": {
                Flags o = Flags.parse("tomcat", Flags.tail(args, 1), "--out", "--port");
                Path base = OperatorTomcat.write(Paths.get(o.required("--out")),
                        (int) o.positiveLong("--port", "8080"), RunningJar.locate());
                System.out.println(base);
                return 0;
            }
            case "node":
                return node(args);
            default:
                System.err.println((command.isEmpty() ? "" : "acs-sim: unknown command '" + command + "'\n") + USAGE
                        + "\n  " + String.join("\n  ", ToolCommands.usages()));
                return SimException.BAD_INPUT;
        }
    }

    private static int node(String[] args) throws IOException, InterruptedException {
        String action = args.length < 2 ? "" : args[1];
        Flags o = action.equals("run") ? Flags.parse("node run", Flags.tail(args, 2), "--home", "--catalina-base")
                : Flags.parse("node " + action, Flags.tail(args, 2), "--home");
        Path home = Paths.get(o.required("--home"));
        switch (action) {
            case "run": {
                String base = o.optional("--catalina-base", "");
                return NodeProcess.run(home, base.isEmpty() ? null : Paths.get(base), System.out, System.err);
            }
            case "start":
                return NodeControl.start(home, System.out);
            case "stop":
                return NodeControl.stop(home, System.out);
            case "status":
                return NodeControl.status(home, System.out);
            default:
                throw new SimException("node: unknown action '" + action + "'; use start, run, stop or status");
        }
    }
}
