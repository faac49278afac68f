package dev.drover.report;

import dev.drover.execute.HostResult;
import dev.drover.execute.RunListener;
import java.util.List;

/**
 * Sends every ad hoc event to several outputs (the console, the log file, JSON), in order. Holds no
 * lock of its own: each output synchronizes itself. Playbook events go through
 * {@link dev.drover.execute.play.ListenerTee}, which knows every {@link dev.drover.execute.play.PlayListener} event.
 */
public final class Fanout implements RunListener {
    private final List<RunListener> adHoc;

    public Fanout(List<RunListener> adHoc) {
        this.adHoc = List.copyOf(adHoc);
    }

    @Override
    public void hostResult(HostResult result) {
        adHoc.forEach(l -> l.hostResult(result));
    }

    @Override
    public void connectionLost(String host, String step, int attempt, String reason) {
        adHoc.forEach(l -> l.connectionLost(host, step, attempt, reason));
    }

    @Override
    public void reattached(String host, String step, int attempts, boolean replayed) {
        adHoc.forEach(l -> l.reattached(host, step, attempts, replayed));
    }
}
