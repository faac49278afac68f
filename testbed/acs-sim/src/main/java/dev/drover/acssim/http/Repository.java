package dev.drover.acssim.http;

import java.util.List;

/** What the HTTP endpoints show of a node. Implementations are read from netty's threads. */
public interface Repository {
    /** Where the webapp is: starting, started (serving), failed. */
    enum Status { STARTING, STARTED, FAILED }

    Status status();

    /** {@code 5.2.7}. */
    String version();

    /** {@code r94d70ba6-b12}. */
    String build();

    int schema();

    String edition();

    /** 6.0+ have the probes. */
    boolean hasProbes();

    /** Installed modules as {id, version}. */
    List<String[]> modules();
}
