package dev.drover.execute.play;

import dev.drover.vault.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Masks the run's secrets (values decrypted from a vault, connection passwords) in every event before
 * any output sees it: the console, the log file, JSON events, JUnit XML and the journal all sit
 * behind this listener, so none of them has to remember to redact. Task names, results (registered
 * or not, at any depth), item labels, retry results, warnings and stop reasons are masked; a secret
 * templated into a longer string is masked where it occurs.
 */
public final class RedactingListener implements PlayListener {
    private final PlayListener next;
    private final Redactor redactor;

    public RedactingListener(PlayListener next, Redactor redactor) {
        this.next = next;
        this.redactor = redactor;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Map<String, Object> m) {
        return m == null ? null : (Map<String, Object>) redactor.maskDeep(m);
    }

    private String s(String text) {
        return redactor.mask(text);
    }

    private TaskResult result(TaskResult r) {
        return new TaskResult(r.host(), r.delegatedTo(), r.action(), r.status(), map(r.result()), r.ignored(), r.noLog(),
                r.looped(), r.diff());
    }

    @Override
    public void playStart(String name, List<String> hosts) {
        next.playStart(s(name), hosts);
    }

    @Override
    public void playEnd(String name, List<String> failed) {
        next.playEnd(s(name), failed);
    }

    @Override
    public void taskStart(TaskStart t) {
        next.taskStart(new TaskStart(s(t.name()), t.kind(), t.action(), t.pos(), t.hosts(), t.block()));
    }

    @Override
    public void hostResult(TaskResult r) {
        next.hostResult(result(r));
    }

    @Override
    public void itemResult(ItemResult r) {
        next.itemResult(new ItemResult(r.host(), r.delegatedTo(), r.action(), r.status(), map(r.result()),
                redactor.maskDeep(r.label()), r.noLog(), r.diff()));
    }

    @Override
    public void replayed(TaskResult r, String fromRun) {
        next.replayed(result(r), fromRun);
    }

    @Override
    public void batchStart(int index, int count, List<String> hosts) {
        next.batchStart(index, count, hosts);
    }

    @Override
    public void connectionLost(String host, String task, int attempt, String reason) {
        next.connectionLost(host, s(task), attempt, s(reason));
    }

    @Override
    public void reattached(String host, String task, int attempts, boolean replayed) {
        next.reattached(host, s(task), attempts, replayed);
    }

    /** The step key is passed as is: a resumed run must find it unchanged (it names a place, never a value). */
    @Override
    public void stepClaimed(String host, String task, String step, long pid) {
        next.stepClaimed(host, s(task), step, pid);
    }

    @Override
    public void durable() {
        next.durable();
    }

    @Override
    public void stepDone(String host, String task, String step) {
        next.stepDone(host, s(task), step);
    }

    @Override
    public void waiting(Waiting w) {
        next.waiting(new Waiting(w.host(), s(w.task()), s(w.what()), w.started()));
    }

    @Override
    public void waitOver(Waiting w) {
        next.waitOver(new Waiting(w.host(), s(w.task()), s(w.what()), w.started()));
    }

    @Override
    public void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        next.retrying(host, s(task), retriesLeft, map(result));
    }

    @Override
    public void included(Path file, List<String> hosts) {
        next.included(file, hosts);
    }

    @Override
    public void included(Path file, List<String> hosts, java.util.Optional<Object> item) {
        next.included(file, hosts, item.map(redactor::maskDeep));
    }

    @Override
    public void noHostsLeft() {
        next.noHostsLeft();
    }

    @Override
    public void playStopped(PlayStop stop) {
        next.playStopped(new PlayStop(s(stop.play()), s(stop.reason()), stop.neverStarted()));
    }

    @Override
    public void warning(String message) {
        next.warning(s(message));
    }

    @Override
    public void recap(Map<String, HostStats> stats, Duration elapsed) {
        next.recap(stats, elapsed);
    }
}
