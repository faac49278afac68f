package dev.drover.cli.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The thin client tells the worker its process id (the run lock and the journal name the process
 * an operator can signal); it reads it from /proc/self rather than through ProcessHandle.
 */
class ThinClientPidTest {
    @Test
    void thePidSentIsThisProcesssOwn() {
        assertEquals(ProcessHandle.current().pid(), ThinClient.pid());
    }
}
