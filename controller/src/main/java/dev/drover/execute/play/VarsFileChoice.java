package dev.drover.execute.play;

import dev.drover.python.PythonLiterals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which file a {@code vars_files} entry reads, as Ansible 2.14 chooses: a plain entry names its file;
 * an entry that is a list names alternatives, tried in order, the first that exists being read, and
 * an error ({@code vars file ['a.yml', 'b.yml'] was not found}) when none does. Stateless.
 */
final class VarsFileChoice {
    private VarsFileChoice() {
    }

    /**
     * @param rendered the entry's names, already rendered, in order
     * @return the file to read; a single name even when it does not exist (its reader says so);
     *         empty when none of several alternatives exists
     */
    static Optional<Path> choose(Path dir, List<String> rendered) {
        if (rendered.size() == 1) {
            return Optional.of(dir.resolve(rendered.get(0)).normalize());
        }
        return rendered.stream().map(n -> dir.resolve(n).normalize()).filter(Files::isRegularFile).findFirst();
    }

    /** Ansible's message for alternatives none of which exists, with the directory looked in. */
    static String notFound(List<String> names, Path dir) {
        return "vars file [" + String.join(", ", names.stream().map(PythonLiterals::stringRepr).toList()) + "] was not found (none of them exists in "
                + dir.toAbsolutePath().normalize() + "; the first that exists is read)";
    }
}
