package dev.drover.serve;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: per playbook, what an alert on last night's backup needs (docs/serve.md),
 * computed from the served runs at each scrape and written with the Prometheus Java client's model
 * and text format. The playbook label is the playbook's absolute path, as the journal records it.
 *
 * <p>"Last run" is the newest run that is over: a run in progress is {@code drover_run_in_progress},
 * so a backup running now does not hide that yesterday's failed.
 */
final class Metrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private Metrics() {
    }

    private static final class PerPlaybook {
        int runs;
        int failures;
        boolean inProgress;
        RunRow last;
        RunRow lastSuccess;
    }

    /** The text format of the metrics of {@code rows} (newest first, as {@link RunIndex#list} gives them). */
    static byte[] scrape(List<RunRow> rows) throws IOException {
        Map<String, PerPlaybook> by = new LinkedHashMap<>();
        for (RunRow r : rows) {
            PerPlaybook p = by.computeIfAbsent(r.playbook(), k -> new PerPlaybook());
            p.runs++;
            if (r.running()) {
                p.inProgress = true;
                continue;
            }
            if (!r.result().equals("ok")) {
                p.failures++;
            }
            if (p.last == null) {
                p.last = r;
            }
            if (p.lastSuccess == null && r.result().equals("ok")) {
                p.lastSuccess = r;
            }
        }
        List<CounterDataPointSnapshot> runs = new ArrayList<>();
        List<CounterDataPointSnapshot> failures = new ArrayList<>();
        List<GaugeDataPointSnapshot> inProgress = new ArrayList<>();
        List<GaugeDataPointSnapshot> success = new ArrayList<>();
        List<GaugeDataPointSnapshot> exitCode = new ArrayList<>();
        List<GaugeDataPointSnapshot> result = new ArrayList<>();
        List<GaugeDataPointSnapshot> start = new ArrayList<>();
        List<GaugeDataPointSnapshot> duration = new ArrayList<>();
        List<GaugeDataPointSnapshot> hostsFailed = new ArrayList<>();
        List<GaugeDataPointSnapshot> lastSuccess = new ArrayList<>();
        by.forEach((playbook, p) -> {
            Labels labels = Labels.of("playbook", playbook);
            runs.add(CounterDataPointSnapshot.builder().labels(labels).value(p.runs).build());
            failures.add(CounterDataPointSnapshot.builder().labels(labels).value(p.failures).build());
            inProgress.add(gauge(labels, p.inProgress ? 1 : 0));
            if (p.last != null) {
                RunRow l = p.last;
                success.add(gauge(labels, l.result().equals("ok") ? 1 : 0));
                exitCode.add(gauge(labels, l.exitCode() == null ? -1 : l.exitCode()));
                result.add(gauge(Labels.of("playbook", playbook, "result", l.result()), 1));
                start.add(gauge(labels, l.started().toEpochMilli() / 1000.0));
                duration.add(gauge(labels, l.durationMs() / 1000.0));
                hostsFailed.add(gauge(labels, l.failedHosts().size()));
            }
            if (p.lastSuccess != null) {
                RunRow s = p.lastSuccess;
                lastSuccess.add(gauge(labels, (s.started().toEpochMilli() + s.durationMs()) / 1000.0));
            }
        });
        MetricSnapshots snapshots = MetricSnapshots.of(
                counter("drover_runs", "Runs of the playbook in the state directory's history, running ones included.", runs),
                counter("drover_run_failures", "Runs of the playbook that ended other than ok (failed, unreachable,"
                        + " interrupted, error, or killed).", failures),
                gauge("drover_run_in_progress", "1 while a run of the playbook is in progress.", inProgress),
                gauge("drover_last_run_success", "1 if the playbook's last finished run ended ok, else 0.", success),
                gauge("drover_last_run_exit_code", "Exit code of the playbook's last finished run (-1: its controller was"
                        + " killed).", exitCode),
                gauge("drover_last_run_result", "1 for the result of the playbook's last finished run (ok, failed,"
                        + " unreachable, interrupted, error, incomplete).", result),
                gauge("drover_last_run_start_timestamp_seconds", "When the playbook's last finished run started.", start),
                gauge("drover_last_run_duration_seconds", "How long the playbook's last finished run took.", duration),
                gauge("drover_last_run_hosts_failed", "Hosts that failed or were unreachable in the playbook's last finished"
                        + " run.", hostsFailed),
                gauge("drover_last_success_timestamp_seconds", "When the playbook's last successful run ended.", lastSuccess));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toByteArray();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, List<CounterDataPointSnapshot> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }
}
