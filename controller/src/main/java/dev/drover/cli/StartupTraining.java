package dev.drover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class-data-sharing training run: the {@code ./drover} launcher runs this once per jar, in the
 * background, under {@code -XX:ArchiveClassesAtExit}, so the JVM writes an archive of the classes
 * loaded here; later CLI runs map that archive instead of reading, verifying and linking the same
 * classes from the jar again (about a third of the CPU a short {@code drover exec} spends).
 *
 * <p>What it loads is what a short run needs before its first host answers: the command-line model of
 * every subcommand with typical arguments, an inventory and a playbook parsed and checked (YAML,
 * templating), and the SSH client's classes. It touches no host, writes only to a temporary
 * directory it removes, and prints nothing. Classes compiled for Java 5 (picocli's) cannot be
 * archived on JDK 17; the JVM skips them with a warning, which the launcher discards.
 */
public final class StartupTraining {
    /** Packages whose classes a connection or a run loads; loaded (not initialised) in full. */
    private static final List<String> PRELOAD = List.of(
            "dev/drover/", "net/schmizz/sshj/", "com/hierynomus/sshj/", "org/yaml/snakeyaml/", "org/slf4j/");
    /** Never loaded here: the demo's sandbox and its SSH server are not on a run's path. */
    private static final List<String> SKIP = List.of("dev/drover/demo/", "dev/drover/agent/modules/");

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("drover-cds-");
        try {
            train(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        preload();
        System.exit(0);
    }

    private static void train(Path dir) throws IOException {
        Path inventory = dir.resolve("hosts.ini");
        Files.writeString(inventory, "[nodes]\nnode1 ansible_host=127.0.0.1 ansible_port=2222\n"
                + "[nodes:vars]\nansible_user=drover\n");
        Path playbook = dir.resolve("site.yml");
        Files.writeString(playbook, "- hosts: nodes\n  gather_facts: false\n  vars:\n    greeting: hello\n"
                + "  tasks:\n    - name: say {{ greeting | upper }}\n      command: /bin/echo {{ greeting }}\n"
                + "      when: greeting is defined\n");
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        String state = dir.resolve("state").toString();
        List<String[]> commands = List.of(
                new String[] {"inventory", "-i", inventory.toString(), "--list"},
                new String[] {"check", "-i", inventory.toString(), playbook.toString()},
                new String[] {"history", "--state-dir", state},
                new String[] {"exec", "--help"},
                new String[] {"run", "--help"},
                new String[] {"--help"});
        for (String[] command : commands) {
            Main.run(command, sink, sink);
        }
        dev.drover.template.Templater.jinja().render("{{ a | default('b') }}", Map.of("a", "x"));
    }

    private static void preload() throws IOException {
        Path jar;
        try {
            jar = Path.of(StartupTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return;
        }
        ClassLoader loader = StartupTraining.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                String name = e.getName();
                if (!name.endsWith(".class") || name.contains("-") || !matches(name)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                } catch (Throwable t) {
                    // an optional dependency's class that cannot link here: a run would not load it either
                }
            }
        }
    }

    private static boolean matches(String name) {
        return PRELOAD.stream().anyMatch(name::startsWith) && SKIP.stream().noneMatch(name::startsWith);
    }
}
