package dev.drover.testing;

/**
 * Keeps MINA SSHD from registering BouncyCastle as a JCA provider in the test JVM. A registered
 * BouncyCastle would hide client code that only works when it is registered (drover's SSH client
 * must not need it: registering costs about half a second per start). Every fixture class that
 * may be the first to touch MINA's security code calls {@link #init()} from its static initialiser.
 */
final class MinaSecurity {
    private MinaSecurity() {
    }

    static void init() {
        // Read by MINA's BouncyCastle registrar when its SecurityUtils first initialises.
        System.setProperty("org.apache.sshd.security.provider.BC.useNamed", "false");
    }
}
