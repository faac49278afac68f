package dev.drover.cli;

import dev.drover.persist.PersistDir;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A CLI's end, slowed down, for {@link BackgroundStartTest}: wants the persist process and a worker
 * as a cold exec does, starts them ({@link Background#start}) as {@link Main#main} does once the
 * command's output is out, says so, then takes {@code args[1]} ms more to exit.
 */
public final class BackgroundAfterExit {
    private BackgroundAfterExit() {
    }

    public static void main(String[] args) throws Exception {
        Background background = Background.ownJvm(new String[] {"exec"});
        PersistDir dir = new PersistDir(Path.of(args[0]));
        background.wantWorker(dir, Duration.ofSeconds(60));
        background.wantPersist(dir, Duration.ofSeconds(60));
        background.start(note -> System.out.println("[WARNING]: " + note));
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[1]));
        System.exit(0);
    }
}
