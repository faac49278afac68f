package dev.drover.execute.play;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.Play;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gather_facts} (on unless the play says no): the agent's {@code setup} module on every host
 * of the batch, as the task "Gathering Facts" tagged {@code always}. An agent without a
 * {@code setup} module gets a warning and no facts, and the host is not counted.
 */
final class FactGathering {
    private final RunContext rc;
    private final Play play;
    private final Batch batch;

    FactGathering(RunContext rc, Play play, Batch batch) {
        this.rc = rc;
        this.play = play;
        this.batch = batch;
    }

    void run() {
        Map<String, Object> vars = new java.util.LinkedHashMap<>(play.vars());
        vars.putAll(rc.options().extraVars());
        if (!Settings.bool(play.gatherFacts(), true, rc.templater().get(), vars)) {
            return;
        }
        List<String> tags = new ArrayList<>(play.tags());
        tags.add("always");
        List<HostState> hosts = batch.active();
        if (hosts.isEmpty() || !rc.options().tags().runs(tags)) {
            return;
        }
        rc.listener().taskStart(new PlayListener.TaskStart("Gathering Facts", PlayListener.Kind.FACTS, "gather_facts",
                play.pos(), hosts.stream().map(HostState::name).toList()));
        AtomicBoolean warned = new AtomicBoolean();
        List<Optional<TaskRunner.Outcome>> results = batch.parallel(hosts, 0, h -> gather(h, () -> {
            if (!warned.getAndSet(true)) {
                rc.listener().warning("the agent has no 'setup' module, so no facts were gathered; set"
                        + " 'gather_facts: false' or update drover");
            }
        }));
        List<TaskRunner.Outcome> outcomes = results.stream().flatMap(Optional::stream).toList();
        batch.apply(outcomes, "Gathering Facts", "gather_facts", false);
    }

    /** Facts for one host through the agent's setup module, or empty when the agent has none. */
    private Optional<TaskRunner.Outcome> gather(HostState h, Runnable noSetup) {
        // setup only reads: after a dropped connection it runs again on a new agent (fresh facts, no spool).
        HostResult r = rc.agents().rerunnable(h.target(), null, "Gathering Facts",
                TaskCall.events(rc, "Gathering Facts"), agent -> {
            if (!agent.modules().contains("setup")) {
                return Map.of("_no_setup", true);
            }
            return agent.run("setup", Map.of(), false, false);
        });
        if (r.result().containsKey("_no_setup")) {
            noSetup.run();
            return Optional.empty();
        }
        if (r.status() != HostStatus.FAILED && r.result().get("ansible_facts") instanceof Map<?, ?> facts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) facts;
            h.addFacts(f);
        }
        rc.listener().hostResult(new PlayListener.TaskResult(h.name(), Optional.empty(), "gather_facts", r.status(),
                r.result(), false, false, false));
        return Optional.of(new TaskRunner.Outcome(h, r.status(), r.result(), false, false, false, false, Optional.empty()));
    }
}
