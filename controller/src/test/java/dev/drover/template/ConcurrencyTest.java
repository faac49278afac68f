package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One templater shared by many host threads: each call sees only its own variables and errors. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS = 400;

    @Test
    void callsNeverWriteTheSharedLibraryContext() {
        JinjaTemplater templater = new JinjaTemplater();
        Map<String, Object> before = Map.copyOf(templater.library());
        Map<String, Object> vars = Map.of("l", List.of(1, 2), "d", Map.of("a", 1));
        templater.render("{% for i in l %}{{ i | string | upper }}{% endfor %}{% set x = d.a %}{{ x }}"
                + "{% macro m(v) %}{{ v }}{% endmacro %}{{ m(1) }}{{ range(2) | list }}", vars);
        templater.condition("l | length > 1 and d.a is defined", vars);
        assertThrows(UndefinedVariableException.class, () -> templater.render("{{ missing }}", vars));

        var library = templater.library();
        assertEquals(0, library.getResolvedExpressions().size() + library.getResolvedValues().size()
                + library.getResolvedFunctions().size() + library.getDependencies().size());
        assertEquals(before, Map.copyOf(library), "the shared scope is unchanged");
        assertEquals(Map.of(), library.getGlobalMacros(), "macros stay in the call that defined them");
    }

    @Test
    void threadsRenderingAtOnceGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < CALLS; i++) {
                        String host = "host" + thread + "-" + i;
                        Map<String, Object> vars = Map.of("inventory_hostname", host, "n", i,
                                "result", Map.of("rc", i % 3, "stdout", host));
                        assertEquals(host + ":" + (i * 2), TEMPLATER.render("{{ inventory_hostname }}:{{ n * 2 }}", vars));
                        assertEquals(i % 3 == 0, TEMPLATER.condition("result.rc == 0", vars));
                        assertEquals(List.of(host, i), TEMPLATER.render("{{ [result.stdout, n] }}", vars));
                        // Errors are per call too: an undefined name in one thread never leaks into another.
                        UndefinedVariableException e = assertThrows(UndefinedVariableException.class,
                                () -> TEMPLATER.render("{{ missing_" + thread + " }}", vars));
                        assertEquals("missing_" + thread, e.variable());
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(CALLS, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
