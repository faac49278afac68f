package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CLI builds only the subcommand a run invokes (start-up time); what a user sees of the command
 * set must not change: help lists every command, a typo still gets suggestions, {@code --debug}
 * before the command still works.
 */
class LazyCommandLineTest {

    @Test
    void helpStillListsEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}}) {
            CliRun run = CliRun.of(args);
            String shown = run.out() + run.err();
            for (String command : new String[] {"exec", "run", "check", "inventory", "history", "cron", "demo"}) {
                assertTrue(shown.contains("  " + command + " "), String.join(" ", args) + " lists " + command + "\n" + run);
            }
        }
    }

    @Test
    void helpForOneCommandThroughTheHelpCommand() {
        CliRun run = CliRun.of("help", "exec");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Usage: drover exec"), run.toString());
    }

    @Test
    void aMistypedCommandStillGetsASuggestion() {
        CliRun run = CliRun.of("exce", "all");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("exec"), run.toString());
    }

    @Test
    void debugBeforeTheCommandStillSelectsIt() {
        CliRun run = CliRun.of("--debug", "inventory", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Usage: drover inventory"), run.toString());
    }

    @Test
    void onlyTheInvokedCommandIsBuilt() {
        // What makes a short run start fast: the other commands' models (and their classes) are not made.
        assertEquals(java.util.Set.of("exec"), Main.commandLine(new String[] {"exec", "all", "--", "true"}).getSubcommands().keySet());
        assertEquals(java.util.Set.of("run"), Main.commandLine(new String[] {"--debug", "run", "x.yml"}).getSubcommands().keySet());
    }

    @Test
    void aCommandLinePreparedByAWorkerServesTheNextCommandOnceAndOnlyItsOwnSubcommand() {
        // A command worker prepares the next run's model after answering one (Main.prepare): the next
        // run takes it, the one after gets a new one, and a prepared run model never serves an exec.
        Main.prepare(new String[] {"run", "first.yml", "--check"});
        picocli.CommandLine prepared = Main.commandLine(new String[] {"run", "second.yml"});
        picocli.CommandLine fresh = Main.commandLine(new String[] {"run", "third.yml"});
        assertTrue(prepared != fresh, "each command gets a model of its own");
        Main.prepare(new String[] {"run", "x.yml"});
        assertEquals(java.util.Set.of("exec"), Main.commandLine(new String[] {"exec", "all", "--", "true"}).getSubcommands().keySet());
        // The prepared model was never parsed: the next run sees only its own arguments.
        RunCommand next = (RunCommand) prepared.getSubcommands().get("run").getCommand();
        prepared.parseArgs("run", "second.yml");
        assertEquals(false, next.check, "--check of the command that prepared it does not carry over");
        CliRun run = CliRun.of("run", "--help");
        assertEquals(0, run.exitCode(), run.toString());
    }
}
