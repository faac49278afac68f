package dev.drover.cli;

import dev.drover.execute.HostResult;
import dev.drover.execute.RunListener;
import dev.drover.execute.play.PlayListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends every event to several outputs (the console, the log file, JSON, JUnit), in order. Holds no
 * lock of its own: each output synchronizes itself.
 */
final class Fanout implements PlayListener, RunListener {
    private final List<PlayListener> play;
    private final List<RunListener> adHoc;

    Fanout(List<PlayListener> play, List<RunListener> adHoc) {
        this.play = List.copyOf(play);
        this.adHoc = List.copyOf(adHoc);
    }

    @Override
    public void hostResult(HostResult result) {
        adHoc.forEach(l -> l.hostResult(result));
    }

    @Override
    public void playStart(String name, List<String> hosts) {
        play.forEach(l -> l.playStart(name, hosts));
    }

    @Override
    public void taskStart(TaskStart task) {
        play.forEach(l -> l.taskStart(task));
    }

    @Override
    public void hostResult(TaskResult result) {
        play.forEach(l -> l.hostResult(result));
    }

    @Override
    public void itemResult(ItemResult result) {
        play.forEach(l -> l.itemResult(result));
    }

    @Override
    public void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        play.forEach(l -> l.retrying(host, task, retriesLeft, result));
    }

    @Override
    public void included(Path file, List<String> hosts) {
        play.forEach(l -> l.included(file, hosts));
    }

    @Override
    public void noHostsLeft() {
        play.forEach(PlayListener::noHostsLeft);
    }

    @Override
    public void playStopped(PlayStop stop) {
        play.forEach(l -> l.playStopped(stop));
    }

    @Override
    public void warning(String message) {
        play.forEach(l -> l.warning(message));
    }

    @Override
    public void recap(Map<String, HostStats> stats, Duration elapsed) {
        play.forEach(l -> l.recap(stats, elapsed));
    }
}
