package dev.drover.acssim;

/** Entry point of {@code acs-sim.jar}; the commands are added by the simulator's packages. */
public final class SimMain {
    private SimMain() {
    }

    public static void main(String[] args) {
        System.err.println("usage: java -jar acs-sim.jar <command> ...");
        System.exit(2);
    }
}
