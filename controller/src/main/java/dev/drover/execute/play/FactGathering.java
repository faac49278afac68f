package dev.drover.execute.play;

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
    private final LinearStrategy strategy;

    FactGathering(RunContext rc, Play play, LinearStrategy strategy) {
        this.rc = rc;
        this.play = play;
        this.strategy = strategy;
    }

    void run() {
        Map<String, Object> vars = new java.util.LinkedHashMap<>(play.vars());
        vars.putAll(rc.options().extraVars());
        if (!Settings.bool(play.gatherFacts(), true, rc.templater().get(), vars)) {
            return;
        }
        List<String> tags = new ArrayList<>(play.tags());
        tags.add("always");
        List<HostState> hosts = strategy.active();
        if (hosts.isEmpty() || !rc.options().tags().runs(tags)) {
            return;
        }
        rc.listener().taskStart(new PlayListener.TaskStart("Gathering Facts", PlayListener.Kind.FACTS, "gather_facts",
                play.pos(), hosts.stream().map(HostState::name).toList()));
        AtomicBoolean warned = new AtomicBoolean();
        List<Optional<TaskRunner.Outcome>> results = strategy.parallel(hosts, 0, h -> strategy.gather(h, () -> {
            if (!warned.getAndSet(true)) {
                rc.listener().warning("the agent has no 'setup' module, so no facts were gathered; set"
                        + " 'gather_facts: false' or update drover");
            }
        }));
        List<TaskRunner.Outcome> outcomes = results.stream().flatMap(Optional::stream).toList();
        strategy.policy().apply(outcomes, "Gathering Facts", "gather_facts", false, strategy.batch());
    }
}
