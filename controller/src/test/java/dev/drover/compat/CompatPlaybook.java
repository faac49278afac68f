package dev.drover.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One playbook of {@code playbooks/compat} and what its header asks for: {@code # compat-args: ...}
 * (extra command-line arguments, the same for both tools, split on blanks) and
 * ({@code {dir}} stands for the playbook's directory), {@code # compat-idempotent: true} (a second run must change
 * nothing, for both tools) and {@code # compat-live: true} (ansible-playbook runs at every test too, not only
 * when recording: the check that the installed Ansible still gives the recorded results).
 */
record CompatPlaybook(Path file, List<String> args, boolean idempotent, boolean live) {
    static final String DIR = "playbooks/compat";

    CompatPlaybook {
        args = List.copyOf(args);
    }

    String name() {
        return file.getFileName().toString().replaceFirst("\\.yml$", "");
    }

    /** The numbered playbooks of the suite, in order; the directory holds their task files and templates too. */
    static List<CompatPlaybook> all(Path repositoryRoot) {
        Path dir = repositoryRoot.resolve(DIR);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+-.*\\.yml")).sorted()
                    .map(CompatPlaybook::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static CompatPlaybook read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            // {dir} is the playbook's directory: drover runs in-process, in another working directory.
            String dir = file.toAbsolutePath().getParent().toString();
            List<String> args = header(lines, "compat-args").map(v -> Arrays.asList(v.replace("{dir}", dir).split("\\s+")))
                    .orElse(List.of());
            boolean idempotent = header(lines, "compat-idempotent").map(Boolean::parseBoolean).orElse(false);
            boolean live = header(lines, "compat-live").map(Boolean::parseBoolean).orElse(false);
            return new CompatPlaybook(file.toAbsolutePath(), args, idempotent, live);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static java.util.Optional<String> header(List<String> lines, String key) {
        String prefix = "# " + key + ":";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .filter(v -> !v.isEmpty()).findFirst();
    }

    /** The directory above the working directory that holds the suite. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(DIR))) {
                return p;
            }
        }
        throw new IllegalStateException("no " + DIR + " in " + start + " or above; run inside the drover repository");
    }
}
