package dev.drover.playbook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One play: which hosts, with which settings, run which tasks. Keywords mean what they mean in
 * Ansible; unset ones are {@link Setting.Unset} or empty so the executor can apply its defaults.
 *
 * @param name              display name, if written (see {@link #displayName()})
 * @param hosts             host pattern, possibly templated; a YAML list is joined with commas
 * @param vars              play variables in the order written
 * @param varsFiles         variable files, relative to the directory of the file holding the play
 *                          ({@code pos().file()}), possibly templated; each entry lists the names to
 *                          try in order, the first that exists being read (Ansible's first-found form,
 *                          a list inside the list); a plain entry is a list of one
 * @param preTasks          run first
 * @param tasks             the main tasks
 * @param postTasks         run last
 * @param handlers          tasks run when notified; their {@link TaskOptions#listen()} may be set
 * @param gatherFacts       whether to gather facts first; {@code true} when not written, as in Ansible
 * @param serial            batch sizes for rolling execution
 * @param order             host order
 * @param strategy          {@code linear}, {@code free} or {@code host_pinned}, if written
 * @param maxFailPercentage stop the play when more than this percentage of a batch failed
 * @param anyErrorsFatal    one failed host stops the play for all
 * @param forceHandlers     run notified handlers even after a failure
 * @param throttle          at most this many hosts run a task at once
 * @param timeout           default per-task timeout in seconds
 * @param become            privilege escalation default for tasks
 * @param becomeUser        user to become
 * @param becomeMethod      sudo, su, ...
 * @param becomeExe         the become program ({@code become_exe})
 * @param becomeFlags       its flags ({@code become_flags})
 * @param remoteUser        user to log in as
 * @param connection        connection type ({@code ssh}, {@code local})
 * @param environment       environment layers (see {@link TaskOptions#environment()})
 * @param tags              tags inherited by every task
 * @param checkMode         force check mode on or off
 * @param noLog             hide arguments and results
 * @param ignoreErrors      keep going after failures
 * @param ignoreUnreachable keep going when hosts cannot be reached
 * @param runOnce           run each task for the first host of a batch only
 * @param diff              the play's {@code diff:}: below a task's own, above {@code --diff}
 * @param pos               where the play starts (its first key)
 */
public record Play(
        Optional<String> name,
        String hosts,
        Map<String, Object> vars,
        List<List<String>> varsFiles,
        List<Task> preTasks,
        List<Task> tasks,
        List<Task> postTasks,
        List<Task> handlers,
        Setting<Boolean> gatherFacts,
        Serial serial,
        HostOrder order,
        Optional<String> strategy,
        Setting<Double> maxFailPercentage,
        Setting<Boolean> anyErrorsFatal,
        Setting<Boolean> forceHandlers,
        Setting<Integer> throttle,
        Setting<Integer> timeout,
        Setting<Boolean> become,
        Optional<String> becomeUser,
        Optional<String> becomeMethod,
        Optional<String> becomeExe,
        Optional<String> becomeFlags,
        Optional<String> remoteUser,
        Optional<String> connection,
        List<Object> environment,
        List<String> tags,
        Setting<Boolean> checkMode,
        Setting<Boolean> noLog,
        Setting<Boolean> ignoreErrors,
        Setting<Boolean> ignoreUnreachable,
        Setting<Boolean> runOnce,
        Setting<Boolean> diff,
        SourcePos pos) {

    public Play {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hosts, "hosts");
        vars = Frozen.map(vars);
        varsFiles = varsFiles.stream().map(List::copyOf).toList();
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
        Objects.requireNonNull(gatherFacts, "gatherFacts");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(maxFailPercentage, "maxFailPercentage");
        Objects.requireNonNull(anyErrorsFatal, "anyErrorsFatal");
        Objects.requireNonNull(forceHandlers, "forceHandlers");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(becomeUser, "becomeUser");
        Objects.requireNonNull(becomeMethod, "becomeMethod");
        Objects.requireNonNull(becomeExe, "becomeExe");
        Objects.requireNonNull(becomeFlags, "becomeFlags");
        Objects.requireNonNull(remoteUser, "remoteUser");
        Objects.requireNonNull(connection, "connection");
        environment = Frozen.list(environment);
        tags = List.copyOf(tags);
        Objects.requireNonNull(checkMode, "checkMode");
        Objects.requireNonNull(noLog, "noLog");
        Objects.requireNonNull(ignoreErrors, "ignoreErrors");
        Objects.requireNonNull(ignoreUnreachable, "ignoreUnreachable");
        Objects.requireNonNull(runOnce, "runOnce");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(pos, "pos");
    }

    /** The name shown in output: the play's name, or its host pattern as Ansible does. */
    public String displayName() {
        return name.orElse(hosts);
    }
}
