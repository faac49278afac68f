package dev.drover.acssim.node;

import dev.drover.acssim.http.Repository;
import dev.drover.acssim.war.AlfrescoWar;
import dev.drover.acssim.war.ModuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What the HTTP endpoints see. The webapp's status moves once, from STARTING to STARTED or FAILED; like
 * Tomcat's connector, HTTP shows it only after {@link #openConnector()} (after {@code Server startup in}),
 * and STARTING before. Thread-safe.
 */
final class NodeState implements Repository {
    private final AlfrescoWar war;
    private final boolean probes;
    private volatile Status status = Status.STARTING;
    private volatile boolean connectorOpen;

    NodeState(AlfrescoWar war, boolean probes) {
        this.war = war;
        this.probes = probes;
    }

    void set(Status s) {
        status = s;
    }

    /** Called by the main thread once Tomcat has finished starting. */
    void openConnector() {
        connectorOpen = true;
    }

    /** The webapp's own status, whatever HTTP shows. */
    Status webapp() {
        return status;
    }

    @Override
    public Status status() {
        return connectorOpen ? status : Status.STARTING;
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
