package dev.drover.demo;

import java.util.Map;
import java.util.Optional;

/**
 * What a sandbox holds after the run: which version each node runs (empty: not answering), and the
 * fingerprints of production's data and of the new version's copy (absent when no copy was restored).
 */
public record SandboxState(Map<String, Optional<String>> running, Fingerprint production, Optional<Fingerprint> copy) {
    public SandboxState {
        running = Map.copyOf(running);
    }
}
