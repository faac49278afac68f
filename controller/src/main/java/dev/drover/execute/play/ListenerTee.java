package dev.drover.execute.play;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends every event to several listeners in order (the console printer and the run journal). Each
 * listener synchronizes itself; this class adds no locking.
 */
public final class ListenerTee implements PlayListener {
    private final List<PlayListener> listeners;

    public ListenerTee(List<PlayListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void playStart(String name, List<String> hosts) {
        listeners.forEach(l -> l.playStart(name, hosts));
    }

    @Override
    public void playEnd(String name, List<String> failed) {
        listeners.forEach(l -> l.playEnd(name, failed));
    }

    @Override
    public void batchStart(int index, int count, List<String> hosts) {
        listeners.forEach(l -> l.batchStart(index, count, hosts));
    }

    @Override
    public void taskStart(TaskStart task) {
        listeners.forEach(l -> l.taskStart(task));
    }

    @Override
    public void hostResult(TaskResult result) {
        listeners.forEach(l -> l.hostResult(result));
    }

    @Override
    public void itemResult(ItemResult result) {
        listeners.forEach(l -> l.itemResult(result));
    }

    @Override
    public void replayed(TaskResult result, String fromRun) {
        listeners.forEach(l -> l.replayed(result, fromRun));
    }

    @Override
    public void waiting(Waiting waiting) {
        listeners.forEach(l -> l.waiting(waiting));
    }

    @Override
    public void waitOver(Waiting waiting) {
        listeners.forEach(l -> l.waitOver(waiting));
    }

    @Override
    public void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        listeners.forEach(l -> l.retrying(host, task, retriesLeft, result));
    }

    @Override
    public void connectionLost(String host, String task, int attempt, String reason) {
        listeners.forEach(l -> l.connectionLost(host, task, attempt, reason));
    }

    @Override
    public void reattached(String host, String task, int attempts, boolean replayed) {
        listeners.forEach(l -> l.reattached(host, task, attempts, replayed));
    }

    @Override
    public void stepClaimed(String host, String task, String step, long pid) {
        listeners.forEach(l -> l.stepClaimed(host, task, step, pid));
    }

    @Override
    public void durable() {
        listeners.forEach(PlayListener::durable);
    }

    @Override
    public void stepDone(String host, String task, String step) {
        listeners.forEach(l -> l.stepDone(host, task, step));
    }

    @Override
    public void included(Path file, List<String> hosts) {
        listeners.forEach(l -> l.included(file, hosts));
    }

    @Override
    public void included(Path file, List<String> hosts, java.util.Optional<Object> item) {
        listeners.forEach(l -> l.included(file, hosts, item));
    }

    @Override
    public void noHostsLeft() {
        listeners.forEach(PlayListener::noHostsLeft);
    }

    @Override
    public void playStopped(PlayStop stop) {
        listeners.forEach(l -> l.playStopped(stop));
    }

    @Override
    public void warning(String message) {
        listeners.forEach(l -> l.warning(message));
    }

    @Override
    public void recap(Map<String, HostStats> stats, Duration elapsed) {
        listeners.forEach(l -> l.recap(stats, elapsed));
    }
}
