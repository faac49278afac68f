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
}
