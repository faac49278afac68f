package dev.drover.transport.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * A one-entry JCA provider that makes the name {@code KeyFactory "ECDSA"} mean the JDK's {@code "EC"}
 * key factory.
 *
 * <p>Why: sshj reads every ECDSA public and private key (host keys during key exchange, user keys
 * from files) through {@code KeyFactory.getInstance("ECDSA")}, a name only BouncyCastle defines. The
 * JDK has the same factory under {@code "EC"}. Registering BouncyCastle just for this alias would
 * cost about half a second at start (PERF.md); this provider costs nothing. It is appended after
 * every other provider, so where BouncyCastle is registered anyway it still wins.
 *
 * <p>Installed once per JVM by {@link #install()}; safe to call from any thread, any number of times.
 */
final class JdkEcdsaAlias extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "DroverJdkEcdsaAlias";

    private JdkEcdsaAlias() {
        super(NAME, "1.0", "KeyFactory ECDSA as an alias of the JDK's EC key factory (for sshj)");
        putService(new Service(this, "KeyFactory", "ECDSA", EcKeyFactory.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return new EcKeyFactory();
            }
        });
    }

    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(new JdkEcdsaAlias());
        }
    }

    /** Delegates every operation to the JDK's {@code EC} key factory. */
    static final class EcKeyFactory extends KeyFactorySpi {
        private final KeyFactory ec;

        EcKeyFactory() throws NoSuchAlgorithmException {
            this.ec = KeyFactory.getInstance("EC");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
            return ec.getKeySpec(key, type);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
