package dev.drover.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The drover clone the demo runs from: it needs the playbooks and the simulator's jar, which are not
 * inside drover.jar. Found from where this class was loaded ({@code controller/target/drover.jar} or
 * {@code controller/target/classes}, three levels below the clone), or from the system property
 * {@value #PROPERTY}.
 */
record DroverCheckout(Path root) {
    static final String PROPERTY = "drover.demo.root";
    static final String PLAYBOOK = "playbooks/acs-cluster-upgrade.yml";
    static final String SIM_JAR = "testbed/acs-sim/target/acs-sim.jar";

    static DroverCheckout locate() {
        String configured = System.getProperty(PROPERTY);
        Path root;
        if (configured != null) {
            root = Path.of(configured);
        } else {
            try {
                Path loadedFrom = Path.of(DroverCheckout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                root = loadedFrom.toAbsolutePath().getParent().getParent().getParent();
            } catch (URISyntaxException | RuntimeException e) {
                throw new DemoException("cannot tell where drover was started from (" + e.getMessage()
                        + "); run the demo with ./drover demo from a clone of drover, or set -D" + PROPERTY + "=CLONE");
            }
        }
        DroverCheckout c = new DroverCheckout(root.toAbsolutePath().normalize());
        if (!Files.isRegularFile(c.playbook())) {
            throw new DemoException("the demo runs from a clone of drover, and " + c.playbook() + " is missing; run ./drover demo"
                    + " in the clone (or set -D" + PROPERTY + "=CLONE)");
        }
        if (!Files.isRegularFile(c.simJar())) {
            throw new DemoException("the ACS simulator is not built: " + c.simJar() + " is missing. Build it with"
                    + " 'mvn -q -DskipTests package' in " + c.root() + " (./drover demo does that on first use)");
        }
        return c;
    }

    Path playbook() {
        return root.resolve(PLAYBOOK);
    }

    Path simJar() {
        return root.resolve(SIM_JAR);
    }
}
