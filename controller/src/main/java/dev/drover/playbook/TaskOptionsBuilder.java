package dev.drover.playbook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link TaskOptions}: every keyword starts unset/empty. Used by the parser while it reads a
 * task's keywords, and by tests and the executor to derive changed copies. Not thread-safe; the
 * built value is.
 */
public final class TaskOptionsBuilder {
    private Optional<String> name = Optional.empty();
    private List<String> when = List.of();
    private List<String> tags = List.of();
    private Setting<Boolean> become = Setting.unset();
    private Optional<String> becomeUser = Optional.empty();
    private Optional<String> becomeMethod = Optional.empty();
    private Optional<String> becomeExe = Optional.empty();
    private Optional<String> becomeFlags = Optional.empty();
    private List<Object> environment = List.of();
    private Setting<Boolean> ignoreErrors = Setting.unset();
    private Setting<Boolean> ignoreUnreachable = Setting.unset();
    private Setting<Boolean> anyErrorsFatal = Setting.unset();
    private List<String> failedWhen = List.of();
    private List<String> changedWhen = List.of();
    private Setting<Boolean> noLog = Setting.unset();
    private Setting<Boolean> checkMode = Setting.unset();
    private Optional<String> delegateTo = Optional.empty();
    private Setting<Boolean> runOnce = Setting.unset();
    private Setting<Integer> throttle = Setting.unset();
    private Setting<Integer> timeout = Setting.unset();
    private Optional<String> register = Optional.empty();
    private List<String> notifies = List.of();
    private List<String> listen = List.of();
    private Optional<Loop> loop = Optional.empty();
    private LoopControl loopControl = LoopControl.DEFAULT;
    private List<String> until = List.of();
    private Setting<Integer> retries = Setting.unset();
    private Setting<Double> delay = Setting.unset();
    private Setting<Boolean> diff = Setting.unset();
    private Optional<String> remoteUser = Optional.empty();
    private Setting<Integer> async = Setting.unset();
    private Setting<Integer> poll = Setting.unset();
    private Map<String, Object> vars = Map.of();
    private SourcePos pos;

    TaskOptionsBuilder(SourcePos pos) {
        this.pos = Objects.requireNonNull(pos, "pos");
    }

    TaskOptionsBuilder(TaskOptions o) {
        this.name = o.name();
        this.when = o.when();
        this.tags = o.tags();
        this.become = o.become();
        this.becomeUser = o.becomeUser();
        this.becomeMethod = o.becomeMethod();
        this.becomeExe = o.becomeExe();
        this.becomeFlags = o.becomeFlags();
        this.environment = o.environment();
        this.ignoreErrors = o.ignoreErrors();
        this.ignoreUnreachable = o.ignoreUnreachable();
        this.anyErrorsFatal = o.anyErrorsFatal();
        this.failedWhen = o.failedWhen();
        this.changedWhen = o.changedWhen();
        this.noLog = o.noLog();
        this.checkMode = o.checkMode();
        this.delegateTo = o.delegateTo();
        this.runOnce = o.runOnce();
        this.throttle = o.throttle();
        this.timeout = o.timeout();
        this.register = o.register();
        this.notifies = o.notifies();
        this.listen = o.listen();
        this.loop = o.loop();
        this.loopControl = o.loopControl();
        this.until = o.until();
        this.retries = o.retries();
        this.delay = o.delay();
        this.diff = o.diff();
        this.remoteUser = o.remoteUser();
        this.async = o.async();
        this.poll = o.poll();
        this.vars = o.vars();
        this.pos = o.pos();
    }

    public TaskOptionsBuilder name(Optional<String> name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    public TaskOptionsBuilder when(List<String> when) {
        this.when = Objects.requireNonNull(when, "when");
        return this;
    }

    public TaskOptionsBuilder tags(List<String> tags) {
        this.tags = Objects.requireNonNull(tags, "tags");
        return this;
    }

    public TaskOptionsBuilder become(Setting<Boolean> become) {
        this.become = Objects.requireNonNull(become, "become");
        return this;
    }

    public TaskOptionsBuilder becomeUser(Optional<String> becomeUser) {
        this.becomeUser = Objects.requireNonNull(becomeUser, "becomeUser");
        return this;
    }

    public TaskOptionsBuilder becomeMethod(Optional<String> becomeMethod) {
        this.becomeMethod = Objects.requireNonNull(becomeMethod, "becomeMethod");
        return this;
    }

    public TaskOptionsBuilder becomeExe(Optional<String> becomeExe) {
        this.becomeExe = Objects.requireNonNull(becomeExe, "becomeExe");
        return this;
    }

    public TaskOptionsBuilder becomeFlags(Optional<String> becomeFlags) {
        this.becomeFlags = Objects.requireNonNull(becomeFlags, "becomeFlags");
        return this;
    }

    public TaskOptionsBuilder environment(List<Object> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return this;
    }

    public TaskOptionsBuilder ignoreErrors(Setting<Boolean> ignoreErrors) {
        this.ignoreErrors = Objects.requireNonNull(ignoreErrors, "ignoreErrors");
        return this;
    }

    public TaskOptionsBuilder ignoreUnreachable(Setting<Boolean> ignoreUnreachable) {
        this.ignoreUnreachable = Objects.requireNonNull(ignoreUnreachable, "ignoreUnreachable");
        return this;
    }

    public TaskOptionsBuilder anyErrorsFatal(Setting<Boolean> anyErrorsFatal) {
        this.anyErrorsFatal = Objects.requireNonNull(anyErrorsFatal, "anyErrorsFatal");
        return this;
    }

    public TaskOptionsBuilder failedWhen(List<String> failedWhen) {
        this.failedWhen = Objects.requireNonNull(failedWhen, "failedWhen");
        return this;
    }

    public TaskOptionsBuilder changedWhen(List<String> changedWhen) {
        this.changedWhen = Objects.requireNonNull(changedWhen, "changedWhen");
        return this;
    }

    public TaskOptionsBuilder noLog(Setting<Boolean> noLog) {
        this.noLog = Objects.requireNonNull(noLog, "noLog");
        return this;
    }

    public TaskOptionsBuilder checkMode(Setting<Boolean> checkMode) {
        this.checkMode = Objects.requireNonNull(checkMode, "checkMode");
        return this;
    }

    public TaskOptionsBuilder delegateTo(Optional<String> delegateTo) {
        this.delegateTo = Objects.requireNonNull(delegateTo, "delegateTo");
        return this;
    }

    public TaskOptionsBuilder runOnce(Setting<Boolean> runOnce) {
        this.runOnce = Objects.requireNonNull(runOnce, "runOnce");
        return this;
    }

    public TaskOptionsBuilder throttle(Setting<Integer> throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        return this;
    }

    public TaskOptionsBuilder timeout(Setting<Integer> timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    public TaskOptionsBuilder register(Optional<String> register) {
        this.register = Objects.requireNonNull(register, "register");
        return this;
    }

    public TaskOptionsBuilder notifies(List<String> notifies) {
        this.notifies = Objects.requireNonNull(notifies, "notifies");
        return this;
    }

    public TaskOptionsBuilder listen(List<String> listen) {
        this.listen = Objects.requireNonNull(listen, "listen");
        return this;
    }

    public TaskOptionsBuilder loop(Optional<Loop> loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        return this;
    }

    public TaskOptionsBuilder loopControl(LoopControl loopControl) {
        this.loopControl = Objects.requireNonNull(loopControl, "loopControl");
        return this;
    }

    public TaskOptionsBuilder until(List<String> until) {
        this.until = Objects.requireNonNull(until, "until");
        return this;
    }

    public TaskOptionsBuilder retries(Setting<Integer> retries) {
        this.retries = Objects.requireNonNull(retries, "retries");
        return this;
    }

    public TaskOptionsBuilder diff(Setting<Boolean> diff) {
        this.diff = Objects.requireNonNull(diff, "diff");
        return this;
    }

    public TaskOptionsBuilder remoteUser(Optional<String> remoteUser) {
        this.remoteUser = Objects.requireNonNull(remoteUser, "remoteUser");
        return this;
    }

    public TaskOptionsBuilder async(Setting<Integer> async) {
        this.async = Objects.requireNonNull(async, "async");
        return this;
    }

    public TaskOptionsBuilder poll(Setting<Integer> poll) {
        this.poll = Objects.requireNonNull(poll, "poll");
        return this;
    }

    public TaskOptionsBuilder delay(Setting<Double> delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    public TaskOptionsBuilder vars(Map<String, Object> vars) {
        this.vars = Objects.requireNonNull(vars, "vars");
        return this;
    }

    public TaskOptionsBuilder pos(SourcePos pos) {
        this.pos = Objects.requireNonNull(pos, "pos");
        return this;
    }

    public TaskOptions build() {
        return new TaskOptions(name, when, tags, become, becomeUser, becomeMethod, becomeExe, becomeFlags, environment, ignoreErrors, ignoreUnreachable, anyErrorsFatal, failedWhen, changedWhen, noLog, checkMode, delegateTo, runOnce, throttle, timeout, register, notifies, listen, loop, loopControl, until, retries, delay, diff, remoteUser, async, poll, vars, pos);
    }
}
