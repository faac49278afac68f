package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drover.state.StateDir;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} as a Prometheus scraper reads it: the text format parsed by a real parser
 * (Hawkular's), the figures an alert on the nightly backup uses.
 */
class ServeMetricsTest {
    @TempDir
    Path dir;

    @Test
    void perPlaybookLastResultStartDurationLastSuccessCountersAndFailedHosts() throws Exception {
        StateDir state = new StateDir(dir.resolve("state"));
        Journals j = new Journals(state, dir);
        Instant night1 = Instant.parse("2026-11-27T02:30:00Z");
        j.rolling("20261127-023000-aaaa", "acs-backup.yml", night1, null);
        j.rolling("20261128-023000-bbbb", "acs-backup.yml", night1.plus(Duration.ofDays(1)), null);
        j.rolling("20261129-023000-cccc", "acs-backup.yml", night1.plus(Duration.ofDays(2)), "node2");
        j.rolling("20261129-100000-dddd", "acs-cluster-upgrade.yml", night1.plus(Duration.ofHours(55)), null);

        Map<String, MetricFamily> families = new HashMap<>();
        try (ServeServer server = ServeServer.start(ServeConfig.local(state, 0))) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "metrics"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(r.body()));
            for (MetricFamily f; (f = parser.parse()) != null; ) {
                families.put(f.getName(), f);
            }
        }
        String backup = dir.resolve("acs-backup.yml").toString();
        String upgrade = dir.resolve("acs-cluster-upgrade.yml").toString();
        assertEquals(MetricType.COUNTER, families.get("drover_runs_total").getType());
        assertEquals(3.0, value(families, "drover_runs_total", backup));
        assertEquals(1.0, value(families, "drover_runs_total", upgrade));
        assertEquals(1.0, value(families, "drover_run_failures_total", backup));
        assertEquals(0.0, value(families, "drover_run_failures_total", upgrade));
        assertEquals(0.0, value(families, "drover_last_run_success", backup));
        assertEquals(1.0, value(families, "drover_last_run_success", upgrade));
        assertEquals(2.0, value(families, "drover_last_run_exit_code", backup));
        assertEquals(1.0, value(families, "drover_last_run_hosts_failed", backup));
        assertEquals(night1.plus(Duration.ofDays(2)).getEpochSecond(), value(families, "drover_last_run_start_timestamp_seconds", backup));
        // The last success is the night before, ended when it started plus its (short) duration.
        double lastSuccess = value(families, "drover_last_success_timestamp_seconds", backup);
        assertEquals(night1.plus(Duration.ofDays(1)).getEpochSecond(), lastSuccess, 5.0);
        assertEquals(0.0, value(families, "drover_run_in_progress", backup));
        double duration = value(families, "drover_last_run_duration_seconds", backup);
        assertEquals(0.0, duration, 5.0);
        MetricFamily result = families.get("drover_last_run_result");
        Metric failed = result.getMetrics().stream().filter(m -> m.getLabels().get("playbook").equals(backup)).findFirst().orElseThrow();
        assertEquals("failed", failed.getLabels().get("result"));
        assertNull(families.get("drover_nonexistent"));
    }

    private static double value(Map<String, MetricFamily> families, String name, String playbook) {
        MetricFamily f = families.get(name);
        if (f == null) {
            throw new AssertionError("no metric " + name + " in " + families.keySet());
        }
        for (Metric m : f.getMetrics()) {
            if (playbook.equals(m.getLabels().get("playbook"))) {
                return m instanceof Counter c ? c.getValue() : ((Gauge) m).getValue();
            }
        }
        throw new AssertionError("no " + name + " for " + playbook);
    }
}
