package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@code drover check} passes, {@code drover run} does not refuse at parse or template-parse
 * time: for small random playbooks (debug, set_fact and include_tasks tasks with valid and broken
 * Jinja expressions, filters, tests, conditions and loops, and an include file that may include
 * itself), whenever check exits 0, a run on a local host neither exits 4 nor reports a template
 * syntax error, an unknown filter or test, a loop of the wrong shape or an include cycle. Tasks may
 * still fail on the host (an undefined variable behind a condition): that is what check cannot know.
 * And for variables the other way round: when check, given the run's inventory and -e, reports an
 * undefined variable, the run fails (no false alarm, whatever guards, defaults, loops, ignore_errors
 * and rescues surround the use).
 */
class CheckImpliesRunPropertyTest {
    private static final Pattern PARSE_FAILURE = Pattern.compile("(?i)syntax error|lexical error|Error parsing|Unclosed"
            + "|Missing end tag|Unknown tag|unexpected end of template|no filter named|no test named|Invalid data passed"
            + "|requires a mapping|requires a list|nested more than|empty expression|include_tasks cycle");
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(.*\\)$|Exception in thread");

    /** Not under /tmp: drover refuses an agent cache there. */
    private static final Path DIR = Path.of("target", "check-implies-run").toAbsolutePath();
    private static final AtomicInteger N = new AtomicInteger();

    private static final List<String> EXPRESSIONS = List.of("{{ x | default(1) }}", "{{ [1, 2] | length }}",
            "{{ 'a' | upper }}", "{{ undefined_var }}", "{{ x | no_such_filter }}", "{{ x is no_such_test }}",
            "{{ x ", "{% if x %}y", "{{ [1, 2 }}", "{{ 3 + }}", "plain text", "{{ (1, 2) | list }}",
            "{% for i in [1] %}{{ i }}{% endfor %}", "{{ range(3) | sum }}");
    private static final List<String> CONDITIONS = List.of("x is defined", "1 == 1", "x ==", "x | nosuch",
            "x is nosuchtest", "undefined_var", "[1] | length > 0", "not (x is defined)");
    private static final List<String> LOOPS = List.of("[1, 2]", "'{{ [1, 2] }}'", "'{{ 5 }}'", "'{{ {\"a\": 1} }}'",
            "'{{ items_var }}'", "'{{ range(2) | list }}'", "'{{ \"ab\" }}'", "'{{ [1, 2 }}'", "'{{ x | nope }}'",
            "'{{ {\"a\": 1} | dict2items }}'", "'{{ [3] + [4] }}'");

    @Provide
    Arbitrary<String> task() {
        Arbitrary<String> expr = Arbitraries.of(EXPRESSIONS).map(CheckImpliesRunPropertyTest::quote);
        Arbitrary<String> debug = expr.map(e -> "- debug: {msg: " + e + "}\n");
        Arbitrary<String> setFact = expr.map(e -> "- set_fact: {y: " + e + "}\n");
        Arbitrary<String> when = Combinators.combine(expr, Arbitraries.of(CONDITIONS))
                .as((e, c) -> "- debug: {msg: " + e + "}\n  when: " + quote(c) + "\n");
        Arbitrary<String> loop = Combinators.combine(expr, Arbitraries.of(LOOPS))
                .as((e, l) -> "- debug: {msg: " + e + "}\n  loop: " + l + "\n");
        Arbitrary<String> include = Arbitraries.of("- include_tasks: a.yml\n", "- include_tasks: a.yml\n  when: "
                + quote("x is defined") + "\n");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, debug), net.jqwik.api.Tuple.of(1, setFact),
                net.jqwik.api.Tuple.of(2, when), net.jqwik.api.Tuple.of(2, loop), net.jqwik.api.Tuple.of(1, include));
    }

    /** Tasks of the included file: those of the playbook, and a self-include that may end or not. */
    @Provide
    Arbitrary<String> includedTask() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, task().filter(t -> !t.contains("include_tasks"))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("- include_tasks: a.yml\n",
                        "- include_tasks: a.yml\n  when: stop_here is defined\n")));
    }

    @Property(tries = 120, seed = "18")
    void checkPassingMeansRunParsesAndTemplatesParse(@ForAll("tasks") List<String> tasks,
            @ForAll("included") List<String> included) throws IOException {
        Path dir = DIR.resolve("try" + N.incrementAndGet());
        Files.createDirectories(dir);
        String site = "- hosts: all\n  gather_facts: false\n  tasks:\n" + String.join("", tasks).replaceAll("(?m)^", "    ");
        Files.writeString(dir.resolve("site.yml"), site);
        Files.writeString(dir.resolve("a.yml"), included.isEmpty() ? "[]\n" : String.join("", included));
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local drover_agent_cache="
                + dir.resolve("hostcache") + "\n");
        CliRun check = CliRun.of("check", dir.resolve("site.yml").toString());
        String shown = "site.yml:\n" + site + "a.yml:\n" + String.join("", included);
        assertFalse(STACK_TRACE.matcher(check.out() + check.err()).find(), shown + "\n" + check.err());
        net.jqwik.api.statistics.Statistics.collect(check.exitCode() == ExitCodes.OK ? "check passed, run" : "check refused");
        if (check.exitCode() != ExitCodes.OK) {
            assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), shown + "\n" + check.err());
            return;
        }
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), dir.resolve("site.yml").toString());
        String all = run.out() + run.err();
        assertNotEquals(ExitCodes.BAD_INPUT, run.exitCode(), "check passed, run refused:\n" + shown + "\n" + all);
        assertFalse(PARSE_FAILURE.matcher(all).find(), "check passed, run failed parsing:\n" + shown + "\n" + all);
        assertFalse(STACK_TRACE.matcher(all).find(), shown + "\n" + all);
    }

    /** Variables from the inventory, play vars and -e, one set by a task, and two nothing defines. */
    private static final List<String> NAMES = List.of("hv", "pv", "ev", "sf", "nowhere", "hv2");
    private static final List<String> USES = List.of("{{ X }}", "{{ X | default(1) }}", "{{ X is defined }}",
            "{{ X if X is defined else 0 }}", "{{ hv and X }}", "{{ X | string | upper }}", "{{ X ~ 'a' }}",
            "{% if X is defined %}{{ X }}{% endif %}", "{{ [X] | length }}", "{{ (X | default(0)) + 1 }}",
            "{% for i in [1] %}{{ X }}{% endfor %}", "{{ lookup('vars', 'X', default=0) }}");
    private static final List<String> GUARDS = List.of("X is defined", "X | default(false)", "X == 1", "not X",
            "X is not defined or X");

    @Provide
    Arbitrary<String> variableTask() {
        Arbitrary<String> name = Arbitraries.of(NAMES);
        Arbitrary<String> use = Combinators.combine(Arbitraries.of(USES), name).as((u, n) -> quote(u.replace("X", n)));
        Arbitrary<String> guard = Combinators.combine(Arbitraries.of(GUARDS), name).as((g, n) -> quote(g.replace("X", n)));
        Arbitrary<String> debug = use.map(u -> "- debug: {msg: " + u + "}\n");
        Arbitrary<String> when = Combinators.combine(use, guard).as((u, g) -> "- debug: {msg: " + u + "}\n  when: " + g + "\n");
        Arbitrary<String> loop = Combinators.combine(use, Arbitraries.of("[1, 2]", "[]", "'{{ [] }}'", "'{{ [hv] }}'"))
                .as((u, l) -> "- debug: {msg: " + u + "}\n  loop: " + l + "\n");
        Arbitrary<String> ignored = use.map(u -> "- debug: {msg: " + u + "}\n  ignore_errors: true\n");
        Arbitrary<String> rescued = use.map(u -> "- block:\n    - debug: {msg: " + u + "}\n  rescue:\n    - debug: {msg: r}\n");
        Arbitrary<String> setFact = Arbitraries.of("- set_fact: {sf: 1}\n");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, debug), net.jqwik.api.Tuple.of(3, when),
                net.jqwik.api.Tuple.of(2, loop), net.jqwik.api.Tuple.of(1, ignored), net.jqwik.api.Tuple.of(1, rescued),
                net.jqwik.api.Tuple.of(1, setFact));
    }

    /**
     * The other direction, for variables: when check, given the run's inventory and -e, says a variable
     * is undefined, the run fails on the host (no false alarm). A check that passes may still miss one
     * (a use behind a condition), which the run then reports.
     */
    @Property(tries = 60, seed = "18")
    void checkReportingAnUndefinedVariableMeansTheRunFails(@ForAll("variableTasks") List<String> tasks) throws IOException {
        Path dir = DIR.resolve("vars" + N.incrementAndGet());
        Files.createDirectories(dir);
        String site = "- hosts: all\n  gather_facts: false\n  vars: {pv: 1}\n  tasks:\n"
                + String.join("", tasks).replaceAll("(?m)^", "    ");
        Files.writeString(dir.resolve("site.yml"), site);
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local hv=1 drover_agent_cache="
                + dir.resolve("hostcache") + "\n");
        CliRun check = CliRun.of("check", "-i", dir.resolve("hosts.ini").toString(), "-e", "ev=1",
                dir.resolve("site.yml").toString());
        assertFalse(STACK_TRACE.matcher(check.out() + check.err()).find(), site + "\n" + check.err());
        boolean reported = check.err().contains("is undefined: nothing defines it");
        net.jqwik.api.statistics.Statistics.collect(reported ? "undefined reported, run" : "nothing reported");
        if (!reported) {
            assertEquals(ExitCodes.OK, check.exitCode(), site + "\n" + check.err());
            return;
        }
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), "-e", "ev=1", dir.resolve("site.yml").toString());
        String all = run.out() + run.err();
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), "check reported an undefined variable, run did not fail:\n"
                + site + "\n" + check.err() + "\n" + all);
        assertTrue(all.contains("is undefined"), site + "\n" + all);
    }

    @Provide
    Arbitrary<List<String>> variableTasks() {
        return variableTask().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> tasks() {
        return task().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> included() {
        return includedTask().list().ofMaxSize(3);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
