package dev.drover.playbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed playbook: its plays in order, with {@code import_playbook} already inlined.
 *
 * @param source the file the user named; relative paths in plays resolve against its directory
 */
public record Playbook(Path source, List<Play> plays) {

    public Playbook {
        Objects.requireNonNull(source, "source");
        plays = List.copyOf(plays);
    }
}
