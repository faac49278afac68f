package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drover cron}: the crontab line, and schedules refused before they reach cron. */
class CronCommandTest {
    @TempDir
    Path dir;

    private CliRun cron(String schedule, String... more) throws IOException {
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks: []\n");
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\n");
        List<String> args = new java.util.ArrayList<>(List.of("cron", "--schedule", schedule, "--launcher", "/opt/drover/drover",
                "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String line(CliRun run) {
        List<String> lines = run.out().lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(1, lines.size(), run.toString());
        return lines.get(0);
    }

    @Test
    void printsALineWithAbsolutePathsEnvironmentLockLogAndRedirection() throws IOException {
        String site = dir.resolve("site.yml").toString();
        CliRun run = cron("30 2 * * *", "--", "run", "-i", dir.resolve("hosts.ini").toString(), site, "-e", "pct=50%");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String line = line(run);
        String cwd = Path.of("").toAbsolutePath().toString();
        assertTrue(line.startsWith("30 2 * * * cd " + CronLine.quote(cwd) + " && mkdir -p "), line);
        assertTrue(line.contains(" PATH="), line);
        assertTrue(line.contains(" JAVA_HOME=") && line.contains(" LANG=") && line.contains(" HOME="), line);
        assertTrue(line.contains(" /opt/drover/drover run -i " + dir.resolve("hosts.ini") + " " + site), line);
        assertTrue(line.contains(" --state-dir " + dir.resolve("state")), line);
        assertTrue(line.matches(".* --lock site-[0-9a-f]{12} .*"), line);
        assertTrue(line.contains(" --log-file " + dir.resolve("state/logs/site.log")), line);
        assertTrue(line.endsWith(" >/dev/null 2>>" + dir.resolve("state/logs/site.stderr.log")), line);
        assertTrue(line.contains("'pct=50\\%'"), "% is a line break to cron unless escaped: " + line);
        assertTrue(run.out().contains("crontab -e"), run.toString());
    }

    @Test
    void theLockInTheLineIsTheOneAManualRunTakes() throws IOException {
        CliRun run = cron("@daily", "--", "run", "-i", dir.resolve("hosts.ini").toString(), dir.resolve("site.yml").toString());
        String lock = line(run).replaceAll(".* --lock (\\S+) .*", "$1");
        CliRun manual = CliRun.of("run", "-i", dir.resolve("hosts.ini").toString(), dir.resolve("site.yml").toString(),
                "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.OK, manual.exitCode(), manual.toString());
        assertTrue(Files.exists(dir.resolve("state/locks/" + lock + ".lock")), lock);
    }

    @Test
    void cronDFormatNamesTheUser() throws IOException {
        CliRun run = cron("@daily", "--cron-d", "deploy", "--", "run", "-i", dir.resolve("hosts.ini").toString(),
                dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(line(run).startsWith("@daily deploy cd "), run.toString());
        assertTrue(run.out().contains("/etc/cron.d/drover-site"), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/15 * * * *", "0 2 * * 1-5", "0 0 1,15 * *", "5 4 * jan sun", "0 22 * * 0-7/2", "@hourly", "@reboot"})
    void acceptsWhatCronAccepts(String schedule) throws IOException {
        CliRun run = cron(schedule, "--", "run", "-i", "hosts.ini", dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30 2 * *|has 5 fields",
        "30 2 * * * root|drover adds the command",
        "30 25 * * *|hour 25 is out of range 0-23",
        "60 * * * *|minute 60 is out of range 0-59",
        "0 0 0 * *|day of month 0 is out of range 1-31",
        "0 0 * 13 *|month 13 is out of range 1-12",
        "0 0 * * 8|day of week 8 is out of range 0-7",
        "0 0 * jan-mar *|cron accepts names only alone",
        "0 0 * * mon-fri|cron accepts names only alone",
        "*/0 * * * *|step 0 must be between 1 and 59",
        "5-1 * * * *|runs backwards",
        "x * * * *|'x' is not a number",
        "@fortnightly|unknown macro"})
    void refusesBadSchedulesSayingWhy(String schedule, String why) throws IOException {
        CliRun run = cron(schedule, "--", "run", "-i", "hosts.ini", dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--schedule '" + schedule + "'") && run.err().contains(why), run.toString());
    }

    @Test
    void refusesAScheduledCommandThatWouldFailAtRunTime() throws IOException {
        CliRun typo = cron("@daily", "--", "run", "-i", "hosts.ini", dir.resolve("site.yml").toString(), "--chek");
        assertEquals(ExitCodes.BAD_INPUT, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("does not parse") && typo.err().contains("--chek"), typo.toString());
        CliRun missing = cron("@daily", "--", "run", "-i", "hosts.ini", dir.resolve("nope.yml").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("nope.yml does not exist"), missing.toString());
        CliRun exec = cron("@daily", "--", "exec", "all", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, exec.exitCode(), exec.toString());
    }
}
