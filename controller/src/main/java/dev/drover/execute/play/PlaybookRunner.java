package dev.drover.execute.play;

import dev.drover.vault.Vault;
import dev.drover.execute.AgentCall;
import dev.drover.execute.TargetHost;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.pattern.HostSelector;
import dev.drover.inventory.pattern.Selection;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.playbook.parse.VarsFileParser;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs a parsed playbook: play by play, selects the hosts (minus those that failed in an earlier
 * play), cuts them into {@code serial} batches ({@link BatchPlanner}) and lets the
 * {@link LinearStrategy} run each batch, with the {@link FailurePolicy} deciding who goes on. Like
 * Ansible, the run stops when a whole batch failed or {@code any_errors_fatal} fired.
 *
 * <pre>
 * PlaybookRunner.Result r = new PlaybookRunner(agentCall, options, moduleNames).run(playbook, inventory, listener);
 * </pre>
 * One instance per run; {@link #run} is called once.
 */
public final class PlaybookRunner {

    /**
     * The recap of a run.
     *
     * @param stats counters per host in the order hosts were first seen (hosts no task reached are absent)
     * @param stop  the play that stopped the run early, if one did, with the hosts it never started
     * @param interrupted the operator stopped the run ({@link StopRequest}) before it ended
     */
    public record Result(Map<String, PlayListener.HostStats> stats, Optional<PlayListener.PlayStop> stop,
            boolean interrupted) {
        /** The hosts of the stopping play that no batch reached. */
        public List<String> neverStarted() {
            return stop.map(PlayListener.PlayStop::neverStarted).orElse(List.of());
        }

        public boolean anyFailed() {
            return stats.values().stream().anyMatch(s -> s.failed() > 0);
        }

        public boolean anyUnreachable() {
            return stats.values().stream().anyMatch(s -> s.unreachable() > 0);
        }
    }

    private final AgentCall agents;
    private final RunOptions options;
    private final Set<String> moduleNames;
    private final CompletedTasks completed;
    private final StopRequest stopRequest;
    private final Vault vault;
    private Templater templater;
    /** The hosts {@code --limit} allows, computed once. */
    private Set<String> limited;
    /** Set when a play stopped the run. */
    private PlayListener.PlayStop stop;
    private final Random shuffle = new Random();
    /** Opens the next batch's agents while the current batch runs; see {@link #connectAhead}. */
    private ExecutorService connector;

    /** @param moduleNames the agent's modules, for parsing {@code include_tasks} files */
    public PlaybookRunner(AgentCall agents, RunOptions options, Set<String> moduleNames) {
        this(agents, options, moduleNames, CompletedTasks.NONE, new StopRequest());
    }

    /**
     * @param completed what an earlier run completed, for {@code --resume}; {@link CompletedTasks#NONE} otherwise
     * @param stop      the operator's request to stop (Ctrl-C): checked before each task
     */
    public PlaybookRunner(AgentCall agents, RunOptions options, Set<String> moduleNames, CompletedTasks completed,
            StopRequest stop) {
        this(agents, options, moduleNames, completed, stop, Vault.NONE);
    }

    /** @param vault the command's vault: vars_files, include_tasks and include_vars files, copy/template sources */
    public PlaybookRunner(AgentCall agents, RunOptions options, Set<String> moduleNames, CompletedTasks completed,
            StopRequest stop, Vault vault) {
        this.vault = java.util.Objects.requireNonNull(vault, "vault");
        this.agents = agents;
        this.options = options;
        this.moduleNames = moduleNames;
        this.completed = completed;
        this.stopRequest = stop;
    }

    public Result run(Playbook playbook, Inventory inventory, PlayListener listener) throws PlayException {
        long start = System.nanoTime();
        Stats stats = new Stats();
        ExecutorService workers = Executors.newFixedThreadPool(options.forks(), r -> {
            Thread t = new Thread(r, "drover-host");
            t.setDaemon(true);
            return t;
        });
        Set<String> extra = new HashSet<>(moduleNames);
        extra.addAll(dev.drover.execute.play.action.Actions.EXTRA_NAMES);
        Path playbookDir = TaskCall.dir(playbook.source());
        RunInventory runInventory = new RunInventory(inventory);
        RunContext rc = new RunContext(this::templater, agents, listener, stats, options,
                name -> runInventory.current().host(name).map(h -> target(runInventory.current(), h.name())),
                new TaskFileParser(extra, vault), workers, completed, stopRequest, playbookDir, runInventory);
        Map<String, HostState> states = new LinkedHashMap<>();
        Set<String> out = new HashSet<>();
        try {
            for (int p = 0; p < playbook.plays().size(); p++) {
                if (stopRequest.requested() || !runPlay(rc, p, playbook.plays().get(p), runInventory.current(), states, out, playbookDir)) {
                    break;
                }
            }
        } catch (Includes.IncludeParseError e) {
            throw new PlayException(e.getMessage(), e);
        } finally {
            workers.shutdownNow();
            if (connector != null) {
                // Let a connect in flight finish, or its agent could be registered after the pool closed.
                connector.shutdown();
                try {
                    connector.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        listener.recap(stats.snapshot(), Duration.ofNanos(System.nanoTime() - start));
        return new Result(stats.snapshot(), Optional.ofNullable(stop), stopRequest.requested());
    }

    /** @return false when the run must stop (a whole batch failed, or any_errors_fatal) */
    private boolean runPlay(RunContext rc, int playIndex, Play play, Inventory inventory, Map<String, HostState> states,
            Set<String> out, Path playbookDir) throws PlayException {
        Map<String, Object> playLevel = new LinkedHashMap<>(play.vars());
        playLevel.putAll(options.extraVars());
        List<Host> selected = select(rc, play, inventory, playLevel);
        List<Host> hosts;
        try {
            hosts = HostOrdering.order(selected.stream().filter(h -> !out.contains(h.name())).toList(), play.order(),
                    Host::name, h -> inventory.hostVars(h.name()), shuffle);
        } catch (IllegalArgumentException e) {
            throw new PlayException("play '" + play.displayName() + "' (" + play.pos() + "): " + e.getMessage(), e);
        }
        rc.listener().playStart(play.displayName(), hosts.stream().map(Host::name).toList());
        if (hosts.isEmpty()) {
            rc.listener().warning("no hosts matched (or all failed earlier) for play '" + play.displayName() + "'; skipping");
            rc.listener().playEnd(play.displayName(), List.of());
            return true;
        }
        Map<String, HostState> playHosts = new LinkedHashMap<>();
        for (Host h : hosts) {
            HostState s = states.computeIfAbsent(h.name(), n -> new HostState(target(inventory, n)));
            s.startPlay(forPlay(play, target(inventory, h.name())));
            playHosts.put(h.name(), s);
        }
        Map<String, Object> varsFiles = varsFiles(play, playLevel);
        List<String> steps = new ArrayList<>();
        for (String step : play.serial().steps()) {
            steps.add(render(play, step, playLevel, "serial"));
        }
        List<List<HostState>> batches;
        try {
            batches = BatchPlanner.plan(List.copyOf(playHosts.values()), steps);
        } catch (IllegalArgumentException e) {
            throw new PlayException(play.pos() + ": " + e.getMessage(), e);
        }
        List<String> allNames = List.copyOf(playHosts.keySet());
        PlayRoles playRoles = PlayRoles.of(play);
        FailurePolicy.Rules rules = rules(play, playLevel);
        boolean goOn = true;
        for (int b = 0; b < batches.size(); b++) {
            List<HostState> batch = batches.get(b);
            batch.forEach(h -> rc.stats().register(h.name()));
            rc.listener().batchStart(b, batches.size(), batch.stream().map(HostState::name).toList());
            if (b + 1 < batches.size()) {
                connectAhead(rc, batches.get(b + 1));
            }
            Variables.PlayScope scope = new Variables.PlayScope(play.vars(), varsFiles, options.extraVars(), allNames,
                    batch.stream().map(HostState::name).toList(), playHosts, playbookDir, options.check(), options.diff(),
                    options.tags(), options.verbosity(), playRoles, rc.templater());
            LinearStrategy strategy = new LinearStrategy(rc, playIndex, play, scope, batch, rules);
            LinearStrategy.BatchEnd end = strategy.run();
            Optional<String> reason = end.stopReason()
                    .or(() -> FailurePolicy.afterBatch(rules, batch.size(), FailurePolicy.failedHosts(batch)));
            boolean interrupted = rc.stop().requested();
            if (reason.isPresent() || interrupted) {
                List<String> neverStarted = batches.subList(b + 1, batches.size()).stream().flatMap(List::stream)
                        .map(HostState::name).toList();
                String where = batches.size() > 1 ? " in batch " + (b + 1) + " of " + batches.size() : "";
                stop = new PlayListener.PlayStop(play.displayName(),
                        (interrupted ? "interrupted by the operator" : reason.get()) + where, neverStarted);
                if (!interrupted) {
                    rc.listener().noHostsLeft();
                }
                rc.listener().playStopped(stop);
                goOn = false;
                break;
            }
            if (end.endPlay()) {
                break;
            }
        }
        List<String> failed = playHosts.values().stream().filter(h -> h.failed || h.unreachable).map(HostState::name).toList();
        out.addAll(failed);
        rc.listener().playEnd(play.displayName(), failed);
        return goOn;
    }

    private List<Host> select(RunContext rc, Play play, Inventory inventory, Map<String, Object> vars) throws PlayException {
        String pattern = render(play, play.hosts(), vars, "hosts");
        HostSelector selector = new HostSelector(inventory);
        try {
            Selection s = selector.select(pattern);
            s.warnings().forEach(rc.listener()::warning);
            if (options.limit() == null) {
                return s.hosts();
            }
            // As in Ansible, a limit that leaves one play without hosts skips that play; a limit that
            // matches nothing in the inventory at all is an error (raised here for the first play).
            if (limited == null) {
                Selection all = selector.limit(selector.select("all"), options.limit());
                all.warnings().forEach(rc.listener()::warning);
                limited = new HashSet<>(all.hostNames());
            }
            return s.hosts().stream().filter(h -> limited.contains(h.name())).toList();
        } catch (InventoryException e) {
            throw new PlayException(play.pos() + ": hosts: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the agents of the next batch in the background, so the handover between batches of a
     * rolling play costs no SSH connect and agent start (about 0.3 s per host). Only the connection
     * is opened: no module runs, so a host of a batch that never starts is not changed. A failure is
     * ignored here: the host's first task connects again and reports it.
     */
    private void connectAhead(RunContext rc, List<HostState> next) {
        if (connector == null) {
            connector = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "drover-connect-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        for (HostState h : next) {
            connector.submit(() -> rc.agents().run(h.target(), null, agent -> Map.of()));
        }
    }

    private FailurePolicy.Rules rules(Play play, Map<String, Object> playLevel) throws PlayException {
        try {
            OptionalDouble maxFail = play.maxFailPercentage().isSet()
                    ? OptionalDouble.of(Settings.decimal(play.maxFailPercentage(), 0, templater(), playLevel))
                    : OptionalDouble.empty();
            return new FailurePolicy.Rules(!play.serial().isAllAtOnce(), maxFail);
        } catch (TemplateException | IllegalArgumentException e) {
            throw new PlayException("max_fail_percentage of play '" + play.displayName() + "' (" + play.pos() + "): "
                    + e.getMessage() + "; play-level keywords see only play vars and extra vars (-e)", e);
        }
    }

    /**
     * A host's inventory variables with the extra variables over them, as Ansible's precedence has it:
     * {@code -e ansible_host=... ansible_port=... ansible_user=...} is where drover connects.
     */
    private TargetHost target(Inventory inventory, String name) {
        Map<String, Object> vars = new LinkedHashMap<>(inventory.hostVars(name));
        vars.putAll(options.extraVars());
        return new TargetHost(name, vars);
    }

    /** The play's {@code connection} / {@code remote_user}, where the inventory does not set them (variables win). */
    private static TargetHost forPlay(Play play, TargetHost host) {
        Map<String, Object> vars = new LinkedHashMap<>(host.vars());
        play.connection().ifPresent(c -> vars.putIfAbsent("ansible_connection", c));
        play.remoteUser().ifPresent(u -> vars.putIfAbsent("ansible_user", u));
        return new TargetHost(host.name(), vars);
    }

    private Map<String, Object> varsFiles(Play play, Map<String, Object> vars) throws PlayException {
        Map<String, Object> out = new LinkedHashMap<>();
        Path dir = TaskCall.dir(play.pos().file());
        for (List<String> names : play.varsFiles()) {
            List<String> rendered = new ArrayList<>();
            for (String name : names) {
                rendered.add(render(play, name, vars, "vars_files"));
            }
            Path file = VarsFileChoice.choose(dir, rendered).orElseThrow(() -> new PlayException("vars_files of play '"
                    + play.displayName() + "' (" + play.pos() + "): " + VarsFileChoice.notFound(rendered, dir), null));
            try {
                out.putAll(new VarsFileParser(vault).parse(file));
            } catch (PlaybookException e) {
                throw new PlayException("vars_files of play '" + play.displayName() + "' (" + play.pos() + "): "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A play-level keyword's value rendered with the play-level variables; an error says where the play is, as check's does. */
    private String render(Play play, String raw, Map<String, Object> vars, String keyword) throws PlayException {
        if (!Coerce.isTemplate(raw)) {
            return raw;
        }
        try {
            return String.valueOf(templater().render(raw, vars));
        } catch (TemplateException e) {
            throw new PlayException(play.pos() + ": " + keyword + ": " + e.getMessage()
                    + "; play-level keywords see only play vars and extra vars (-e)", e);
        }
    }

    private synchronized Templater templater() {
        if (templater == null) {
            templater = Templater.jinja();
        }
        return templater;
    }
}
