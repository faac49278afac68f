package dev.drover.acssim.mmt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Module Management Tool's command line ({@code java -jar alfresco-mmt.jar ...}):
 * {@code install <AMPFileLocation> <WARFileLocation> [-verbose] [-directory] [-force] [-preview] [-nobackup]},
 * {@code list <WARFileLocation>}, {@code uninstall <ModuleId> <WARFileLocation> [-verbose] [-preview] [-nobackup]},
 * {@code -help}. Exit 0 on success, 1 on any error; usage errors print {@code Usage error: ...} on
 * stderr and the usage on stdout, like MMT. Unlike MMT, an unknown option is a usage error instead
 * of being ignored, and a WAR is changed all-or-nothing (one atomic rewrite per run).
 */
public final class Mmt {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;

    private static final List<String> INSTALL_OPTIONS =
            Arrays.asList("-verbose", "-directory", "-force", "-preview", "-nobackup");
    private static final List<String> UNINSTALL_OPTIONS = Arrays.asList("-verbose", "-preview", "-nobackup", "-purge");

    private final Console console;
    private final ModuleInstaller installer;

    private Mmt(PrintStream out, PrintStream err) {
        this.console = new Console(out, err);
        this.installer = new ModuleInstaller(console);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one MMT command and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Mmt mmt = new Mmt(out, err);
        if (args.length == 1 && Arrays.asList("-help", "help", "--help", "-h").contains(args[0])) {
            printUsage(out);
            return SUCCESS;
        }
        try {
            if (args.length <= 1) {
                throw new UsageError(args.length == 0 ? "no operation given." : args[0] + " needs more arguments.");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            switch (args[0]) {
                case "install":
                    mmt.install(rest);
                    break;
                case "list":
                    mmt.list(rest);
                    break;
                case "uninstall":
                    mmt.uninstall(rest);
                    break;
                default:
                    throw new UsageError("Unknown operation " + args[0] + ". Operations: install, list, uninstall, -help.");
            }
            return SUCCESS;
        } catch (UsageError e) {
            err.println("Usage error: " + e.getMessage());
            printUsage(out);
            return ERROR;
        } catch (MmtException e) {
            err.println(e.getMessage());
            return ERROR;
        }
    }

    private void install(List<String> args) {
        if (args.size() < 2) {
            throw new UsageError("install requires at least 3 arguments.");
        }
        List<String> options = options("install", args.subList(2, args.size()), INSTALL_OPTIONS);
        boolean preview = options.contains("-preview");
        console.verbose(preview || options.contains("-verbose"));
        Path warFile = Paths.get(args.get(1));
        List<Path> amps = options.contains("-directory") ? ampsIn(Paths.get(args.get(0))) : Collections.singletonList(Paths.get(args.get(0)));
        WarArchive war = WarArchive.read(warFile, "war");
        for (Path amp : amps) {
            console.detail("Installing AMP '" + amp + "' into WAR '" + warFile + "'");
            installer.install(AmpPackage.read(amp), war, options.contains("-force"));
        }
        save(war, preview, options.contains("-nobackup"));
    }

    private void list(List<String> args) {
        if (args.size() != 1) {
            throw new UsageError("list requires 2 arguments.");
        }
        WarArchive war = WarArchive.read(Paths.get(args.get(0)), "war");
        List<ModuleDetails> modules = ModuleInstaller.listModules(war);
        PrintStream out = console.out();
        if (modules.isEmpty()) {
            out.println("No modules are installed in this WAR file");
        }
        for (ModuleDetails module : modules) {
            out.println("Module '" + module.id() + "' installed in '" + args.get(0) + "'");
            out.println("   -    Title:        " + module.title());
            out.println("   -    Version:      " + module.version());
            out.println("   -    Install Date: " + module.installDateForDisplay());
            out.println("   -    Description:   " + module.description());
        }
    }

    private void uninstall(List<String> args) {
        if (args.size() < 2) {
            throw new UsageError("uninstall requires at least 3 arguments.");
        }
        List<String> options = options("uninstall", args.subList(2, args.size()), UNINSTALL_OPTIONS);
        console.verbose(true); // MMT's uninstall always reports what it removes
        WarArchive war = WarArchive.read(Paths.get(args.get(1)), "war");
        installer.uninstall(args.get(0), war);
        save(war, options.contains("-preview"), options.contains("-nobackup"));
    }

    private void save(WarArchive war, boolean preview, boolean noBackup) {
        if (preview) {
            return;
        }
        if (!noBackup) {
            installer.backup(war.file());
        }
        war.saveAtomically();
    }

    private static List<String> options(String operation, List<String> given, List<String> valid) {
        List<String> options = new ArrayList<String>();
        for (String option : given) {
            if (!valid.contains(option)) {
                throw new UsageError("unknown option '" + option + "' for " + operation + "; valid options: " + String.join(" ", valid));
            }
            options.add(option);
        }
        return options;
    }

    /** Every *.amp under {@code directory} (recursively), in path order so runs are repeatable. */
    private static List<Path> ampsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new MmtException("Invalid directory '" + directory + "'");
        }
        List<Path> amps = new ArrayList<Path>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".amp"))
                    .sorted()
                    .forEach(amps::add);
        } catch (IOException e) {
            throw new MmtException("Unable to read the directory '" + directory + "': " + e.getMessage(), e);
        }
        return amps;
    }

    private static void printUsage(PrintStream out) {
        String rule = "-----------------------------------------------------------" + System.lineSeparator();
        out.println("Module managment tool available commands:");
        out.println(rule);
        out.println("install: Installs a AMP file(s) into an Alfresco WAR file, updates if an older version is already installed.");
        out.println("usage:   install <AMPFileLocation> <WARFileLocation> [options]");
        out.println("valid options: ");
        out.println("   -verbose   : enable verbose output");
        out.println("   -directory : indicates that the amp file location specified is a directory.");
        out.println("                All amp files found in the directory and its sub directories are installed.");
        out.println("   -force     : forces installation of AMP regardless of currently installed module version");
        out.println("   -preview   : previews installation of AMP without modifying WAR file");
        out.println("   -nobackup  : indicates that no backup should be made of the WAR" + System.lineSeparator());
        out.println(rule);
        out.println("list:  Lists all the modules currently installed in an Alfresco WAR file.");
        out.println("usage: list <WARFileLocation>" + System.lineSeparator());
        out.println(rule);
        out.println("uninstall:  Uninstalls a module from the Alfresco WAR file.");
        out.println("usage: uninstall <ModuleId> <WARFileLocation>" + System.lineSeparator());
        out.println(rule);
    }

    /** A command line MMT cannot run: answered with "Usage error: ..." and the usage. */
    private static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
