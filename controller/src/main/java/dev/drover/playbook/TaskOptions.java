package dev.drover.playbook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keywords written on a task, block, include or handler, exactly as the user wrote them on
 * that node (nothing inherited yet; the executor combines them with enclosing blocks and the play
 * using {@link Setting#or}). Strings are raw and may be templates. Which keywords a node may carry
 * is checked by the parser: a block has no loop or register, only handlers have {@code listen}.
 *
 * @param name              display name, if written
 * @param when              conditions, all of which must hold; literal booleans appear as
 *                          {@code "true"} / {@code "false"}
 * @param tags              tags, split on commas
 * @param become            privilege escalation on/off
 * @param becomeUser        user to become
 * @param becomeMethod      sudo, su, ...
 * @param becomeExe         the become program ({@code become_exe}), instead of the method's own
 * @param becomeFlags       the become program's flags ({@code become_flags})
 * @param environment       layers of environment variables, each a mapping or a template string
 *                          rendering to one; later layers win
 * @param ignoreErrors      keep going on this host after a failure
 * @param ignoreUnreachable keep going on this host when it cannot be reached
 * @param anyErrorsFatal    one host failing stops the play for all hosts
 * @param failedWhen        conditions that override the module's failed state (any holds: failed)
 * @param changedWhen       conditions that override the module's changed state (any holds: changed)
 * @param noLog             hide arguments and results from output
 * @param checkMode         force check mode on (true) or off (false) for this task
 * @param delegateTo        run on this host instead, with the current host's variables
 * @param runOnce           run for the first host of the batch only, result shared
 * @param throttle          at most this many hosts run the task at once
 * @param timeout           seconds before the task is cancelled and fails
 * @param register          variable that receives the result
 * @param notifies          handler names or listen topics to notify on change
 * @param listen            topics a handler answers to (handlers only; empty elsewhere)
 * @param loop              the loop, if any
 * @param loopControl       loop variable naming and label; {@link LoopControl#DEFAULT} if not written
 * @param until             retry until all conditions hold
 * @param retries           attempts for {@code until} (Ansible's default 3 applies if unset)
 * @param delay             seconds between attempts (Ansible's default 5 applies if unset)
 * @param diff              the {@code diff:} keyword: report changes as diffs for this task
 * @param remoteUser        the task's {@code remote_user}, below the inventory's ansible_user as in Ansible
 * @param async             {@code async:} seconds: the module runs as a job on the host, killed after that long
 * @param poll              {@code poll:} seconds between checks of the job; 0: fire-and-forget, checked with async_status
 * @param vars              task-level variables in the order written
 * @param pos               where the node starts (its first key)
 */
public record TaskOptions(
        Optional<String> name,
        List<String> when,
        List<String> tags,
        Setting<Boolean> become,
        Optional<String> becomeUser,
        Optional<String> becomeMethod,
        Optional<String> becomeExe,
        Optional<String> becomeFlags,
        List<Object> environment,
        Setting<Boolean> ignoreErrors,
        Setting<Boolean> ignoreUnreachable,
        Setting<Boolean> anyErrorsFatal,
        List<String> failedWhen,
        List<String> changedWhen,
        Setting<Boolean> noLog,
        Setting<Boolean> checkMode,
        Optional<String> delegateTo,
        Setting<Boolean> runOnce,
        Setting<Integer> throttle,
        Setting<Integer> timeout,
        Optional<String> register,
        List<String> notifies,
        List<String> listen,
        Optional<Loop> loop,
        LoopControl loopControl,
        List<String> until,
        Setting<Integer> retries,
        Setting<Double> delay,
        Setting<Boolean> diff,
        Optional<String> remoteUser,
        Setting<Integer> async,
        Setting<Integer> poll,
        Map<String, Object> vars,
        SourcePos pos) {

    public TaskOptions {
        Objects.requireNonNull(name, "name");
        when = List.copyOf(when);
        tags = List.copyOf(tags);
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(becomeUser, "becomeUser");
        Objects.requireNonNull(becomeMethod, "becomeMethod");
        Objects.requireNonNull(becomeExe, "becomeExe");
        Objects.requireNonNull(becomeFlags, "becomeFlags");
        environment = Frozen.list(environment);
        Objects.requireNonNull(ignoreErrors, "ignoreErrors");
        Objects.requireNonNull(ignoreUnreachable, "ignoreUnreachable");
        Objects.requireNonNull(anyErrorsFatal, "anyErrorsFatal");
        failedWhen = List.copyOf(failedWhen);
        changedWhen = List.copyOf(changedWhen);
        Objects.requireNonNull(noLog, "noLog");
        Objects.requireNonNull(checkMode, "checkMode");
        Objects.requireNonNull(delegateTo, "delegateTo");
        Objects.requireNonNull(runOnce, "runOnce");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(register, "register");
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(loopControl, "loopControl");
        until = List.copyOf(until);
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(remoteUser, "remoteUser");
        Objects.requireNonNull(async, "async");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(delay, "delay");
        vars = Frozen.map(vars);
        Objects.requireNonNull(pos, "pos");
    }

    /** Options with nothing written, at {@code pos}; start of {@link #builder(SourcePos)}. */
    public static TaskOptions none(SourcePos pos) {
        return builder(pos).build();
    }

    public static TaskOptionsBuilder builder(SourcePos pos) {
        return new TaskOptionsBuilder(pos);
    }

    /** A builder holding this node's values, to derive a changed copy. */
    public TaskOptionsBuilder toBuilder() {
        return new TaskOptionsBuilder(this);
    }
}
