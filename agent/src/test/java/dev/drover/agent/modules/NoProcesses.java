package dev.drover.agent.modules;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;

/** A process runner that refuses: for tests of modules that must not start any process. */
public final class NoProcesses {
    public static final ProcessRunner RUNNER = (argv, cwd, env, stdin, timeoutMillis) -> {
        throw new ModuleException("this test environment has no process runner (wanted to run " + argv + ")");
    };

    private NoProcesses() {
    }
}
