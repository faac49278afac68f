package dev.drover.remote;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents of one run: one agent per host and become user (an agent runs as one user), each with
 * its own transport, opened on first use and reused for every step; {@link #close()} shuts every
 * agent down and closes every connection.
 *
 * <p>Thread-safe: host threads call {@link #open} concurrently; each host is opened by one thread
 * while others for the same host wait.
 */
public final class AgentPool implements AutoCloseable {
    private final TransportFactory transports;
    private final AgentBootstrap bootstrap;
    private final AgentLeaser leaser;
    private final Map<String, HostAgent> open = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** The become user of each open agent's key; absent for agents of the login user. */
    private final Map<String, String> becomeUsers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public AgentPool(TransportFactory transports, AgentBootstrap bootstrap) {
        this(transports, bootstrap, AgentLeaser.NONE);
    }

    /** @param leaser asked first for each host's agent (the persist process); null answers connect directly */
    public AgentPool(TransportFactory transports, AgentBootstrap bootstrap, AgentLeaser leaser) {
        this.transports = transports;
        this.bootstrap = bootstrap;
        this.leaser = leaser;
    }

    public HostAgent open(ConnectionSettings settings, AgentOptions options) throws TransportException, AgentException {
        String host = settings.hostName();
        String key = host + options.identity();
        synchronized (locks.computeIfAbsent(key, h -> new Object())) {
            if (closed) {
                throw new AgentException("the run is shutting down");
            }
            HostAgent existing = open.get(key);
            if (existing != null) {
                return existing;
            }
            HostAgent leased = leaser.lease(settings, options);
            if (leased != null) {
                open.put(key, leased);
                remember(key, options);
                return leased;
            }
            Transport transport = transports.open(settings);
            try {
                AgentBootstrap.Started started = bootstrap.start(transport, options);
                HostAgent agent = new HostAgent(host, transport, started.client(), started.uploaded());
                open.put(key, agent);
                remember(key, options);
                return agent;
            } catch (AgentException | TransportException | RuntimeException e) {
                transport.close();
                throw e;
            }
        }
    }

    private void remember(String key, AgentOptions options) {
        if (options.become() != null) {
            becomeUsers.put(key, options.become().user());
        }
    }

    /**
     * Closes the host's agents that run as {@code user}, after a task created, removed or changed
     * that user: an agent keeps the uid and groups it started with, so one started before the user
     * was removed and made again (Ansible's fetch target does so between its two runs) would work as
     * a user that no longer exists, whose new home it may not enter. The next task as that user
     * starts a fresh agent.
     */
    public void retire(String host, String user) {
        for (String key : List.copyOf(open.keySet())) {
            if (key.startsWith(host + "@") && user.equals(becomeUsers.get(key))) {
                synchronized (locks.computeIfAbsent(key, h -> new Object())) {
                    HostAgent agent = open.remove(key);
                    becomeUsers.remove(key);
                    if (agent != null) {
                        shut(agent);
                    }
                }
            }
        }
    }

    /** Closes every agent and connection of one host, for example after it was lost mid-run. */
    public void discard(String host) {
        for (String key : List.copyOf(open.keySet())) {
            if (key.equals(host) || key.startsWith(host + "@")) {
                HostAgent agent = open.remove(key);
                becomeUsers.remove(key);
                if (agent != null) {
                    shut(agent);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        List<HostAgent> all = new ArrayList<>(open.values());
        open.clear();
        all.parallelStream().forEach(AgentPool::shut);
    }

    /**
     * Cuts every agent's connection at once, without the goodbye {@link #close} waits for, from any
     * thread (a hard stop in a command worker, while host threads still wait for results): what the
     * end of the CLI's JVM does to them. A step in flight goes on under its grace on the host; host
     * threads waiting for one see the agent lost, and nothing opens again.
     */
    public void abort() {
        closed = true;
        List<HostAgent> all = new ArrayList<>(open.values());
        open.clear();
        for (HostAgent agent : all) {
            agent.client().abort();
            if (agent.transport() != null) {
                agent.transport().close();
            }
        }
    }

    private static void shut(HostAgent agent) {
        try {
            agent.client().close();
        } finally {
            if (agent.transport() != null) {
                agent.transport().close();
            }
        }
    }
}
