package dev.drover.acssim.node;

import dev.drover.acssim.http.Repository;
import dev.drover.acssim.war.AlfrescoWar;
import dev.drover.acssim.war.ModuleInfo;
import java.util.ArrayList;
import java.util.List;

/** What the HTTP endpoints see; the status moves once, from STARTING to STARTED or FAILED. Thread-safe. */
final class NodeState implements Repository {
    private final AlfrescoWar war;
    private final boolean probes;
    private volatile Status status = Status.STARTING;

    NodeState(AlfrescoWar war, boolean probes) {
        this.war = war;
        this.probes = probes;
    }

    void set(Status s) {
        status = s;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public String version() {
        return war.version();
    }

    @Override
    public String build() {
        return war.build();
    }

    @Override
    public int schema() {
        return war.schema();
    }

    @Override
    public String edition() {
        return war.edition();
    }

    @Override
    public boolean hasProbes() {
        return probes;
    }

    @Override
    public List<String[]> modules() {
        List<String[]> out = new ArrayList<>();
        for (ModuleInfo m : war.modules()) {
            out.add(new String[] {m.id(), m.version()});
        }
        return out;
    }
}
