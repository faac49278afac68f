package dev.drover.acssim.node;

import dev.drover.acssim.config.Installation;
import dev.drover.acssim.dist.Packages;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.war.AlfrescoWar;
import dev.drover.acssim.war.ModuleInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An installation in a temp directory (global properties and an alfresco.war of one persona) whose start
 * runs in-process: the steps of {@link Startup} against a file H2 database, with tiny delays.
 */
final class TestNode {
    /** Thrown instead of halting the JVM. */
    static final class Halted extends Error {
        private static final long serialVersionUID = 1L;
    }

    final Path home;
    final Map<String, String> props = new LinkedHashMap<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    NodeState state;

    TestNode(Path home, Path database, Persona persona, ModuleInfo... modules) throws Exception {
        this.home = home;
        props.put("dir.root", "./alf_data");
        props.put("db.url", "jdbc:h2:file:" + database + ";AUTO_SERVER=TRUE");
        props.put("sim.startup.delay.ms", "1");
        props.put("sim.upgrade.delay.ms", "20");
        props.put("sim.bootstrap.lock.retries", "2");
        props.put("sim.bootstrap.lock.interval.ms", "10");
        war(persona, modules);
    }

    /** Replaces alfresco.war: what installing a new version or a module does. */
    void war(Persona persona, ModuleInfo... modules) throws Exception {
        Path war = home.resolve(Installation.ALFRESCO_WAR);
        Files.createDirectories(war.getParent());
        Files.write(war, Packages.alfrescoWar(persona, Arrays.asList(modules)));
    }

    Installation installation() throws Exception {
        Path file = home.resolve(Installation.GLOBAL_PROPERTIES);
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.write(file, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        return Installation.load(home);
    }

    /** One start, to its end; the log of this start only. */
    Status start() throws Exception {
        console.reset();
        Installation acs = installation();
        AlfrescoWar war = AlfrescoWar.read(acs.alfrescoWar());
        Persona persona = Persona.of(war.version());
        state = new NodeState(war, persona.hasProbes());
        try (NodeLog log = new NodeLog(home.resolve("alfresco.log"), new PrintStream(console, true, "UTF-8"))) {
            Startup s = new Startup(log, acs, NodeSettings.of(acs), war, persona, state, () -> {
                throw new Halted();
            }, new Object());
            try {
                return s.run();
            } finally {
                s.close();
            }
        }
    }

    String log() {
        return new String(console.toByteArray(), StandardCharsets.UTF_8);
    }

    Connection db() throws Exception {
        return installation().database().connect();
    }
}
