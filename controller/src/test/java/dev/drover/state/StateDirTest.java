package dev.drover.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateDirTest {
    private final Path cwd = Path.of("/srv/ops");

    @Test
    void optionBeatsEnvironmentBeatsDefault() {
        Map<String, String> env = Map.of(StateDir.ENV, "/var/lib/drover");
        assertEquals(Path.of("/srv/ops/state"), StateDir.resolve(Optional.of(Path.of("state")), env, cwd).root());
        assertEquals(Path.of("/var/lib/drover"), StateDir.resolve(Optional.empty(), env, cwd).root());
        assertEquals(Path.of("/srv/ops/.drover"), StateDir.resolve(Optional.empty(), Map.of(), cwd).root());
    }

    @Test
    void runsAndLocksAreSeparateSubdirectories() {
        StateDir dir = StateDir.resolve(Optional.empty(), Map.of(StateDir.ENV, " "), cwd);
        assertEquals(Path.of("/srv/ops/.drover/runs"), dir.runs());
        assertEquals(Path.of("/srv/ops/.drover/locks"), dir.locks());
    }
}
