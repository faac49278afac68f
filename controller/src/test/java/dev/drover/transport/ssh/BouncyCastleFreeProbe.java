package dev.drover.transport.ssh;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a fresh JVM by {@link NoBouncyCastleRegistrationTest}: connects with each given key and
 * checks that BouncyCastle never became a registered JCA provider. A fresh JVM, because in the test
 * JVM any other code (a fixture, another test) could have registered it and so hidden a dependency.
 *
 * <p>Arguments: host port user localHome passphrase keyFile... Exit status 0 when every login worked
 * and no provider named BC exists.
 */
public final class BouncyCastleFreeProbe {
    private BouncyCastleFreeProbe() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[2];
        Path home = Path.of(args[3]);
        String passphrase = args[4];
        SshTransportFactory factory = new SshTransportFactory(
                SshEnvironment.isolated(home, "operator", k -> SshEnvironment.PASSPHRASE_VARIABLE.equals(k) ? passphrase : null));
        for (String key : Arrays.asList(args).subList(5, args.length)) {
            ConnectionSettings s = ConnectionSettings.ssh("probe", host, port, user).withIdentityFiles(List.of(Path.of(key)));
            try (Transport t = factory.open(s)) {
                String out = t.run("echo ok", Duration.ofSeconds(20)).stdout().trim();
                if (!out.equals("ok")) {
                    System.out.println("unexpected output with " + key + ": " + out);
                    System.exit(1);
                }
            }
        }
        Provider bc = Security.getProvider("BC");
        if (bc != null) {
            System.out.println("BouncyCastle is registered: " + Arrays.toString(Security.getProviders()));
            System.exit(1);
        }
        System.out.println("ok");
    }
}
