package dev.drover.transport.ssh;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.kex.DHGroups;
import com.hierynomus.sshj.transport.kex.ExtInfoClientFactory;
import com.hierynomus.sshj.transport.mac.Macs;
import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.ConfigImpl;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.compression.NoneCompression;
import net.schmizz.sshj.transport.kex.Curve25519SHA256;
import net.schmizz.sshj.transport.kex.DHGexSHA256;
import net.schmizz.sshj.transport.kex.ECDHNistP;
import net.schmizz.sshj.transport.random.JCERandom;
import net.schmizz.sshj.transport.random.SingletonRandomFactory;
import net.schmizz.sshj.userauth.keyprovider.OpenSSHKeyFile;
import net.schmizz.sshj.userauth.keyprovider.PKCS8KeyFile;
import net.schmizz.sshj.userauth.keyprovider.PuTTYKeyFile;

/**
 * drover's sshj configuration: the algorithms a current OpenSSH offers, all of them provided by the
 * JDK, so that BouncyCastle is never registered as a JCA provider (sshj's one BouncyCastle-only
 * algorithm name, {@code KeyFactory "ECDSA"}, is mapped to the JDK by {@link JdkEcdsaAlias}).
 *
 * <p>Why not sshj's {@code DefaultConfig}: with BouncyCastle on the class path it registers it as a
 * provider on first use, which costs about half a second per start (see PERF.md), and it probes
 * some thirty ciphers at construction to find out which ones work. This list needs no probing: every
 * entry is available on Java 17. Left out: chacha20-poly1305 (its Poly1305 MAC needs BouncyCastle
 * as a provider), CBC ciphers, SHA-1 key exchanges, DSA and certificates. RSA host and user keys use
 * rsa-sha2-512/256 signatures; ssh-rsa (SHA-1) stays last, only for servers older than OpenSSH 7.2.
 *
 * <p>{@link #prepareSecurity()} must run before the first sshj class that consults
 * {@link SecurityUtils}; {@link SshTransportFactory} calls it from its constructor.
 */
final class ClientConfig extends ConfigImpl {
    private static volatile boolean securityPrepared;

    /**
     * Tells sshj not to register BouncyCastle, and gives the JDK's EC key factory the name sshj
     * asks for ({@link JdkEcdsaAlias}); idempotent and cheap after the first call.
     */
    static void prepareSecurity() {
        if (!securityPrepared) {
            synchronized (ClientConfig.class) {
                if (!securityPrepared) {
                    SecurityUtils.setRegisterBouncyCastle(false);
                    JdkEcdsaAlias.install();
                    securityPrepared = true;
                }
            }
        }
    }

    ClientConfig() {
        prepareSecurity();
        setLoggerFactory(LoggerFactory.DEFAULT);
        setVersion(sshjVersion());
        setKeyExchangeFactories(List.of(
                new Curve25519SHA256.Factory(),
                new Curve25519SHA256.FactoryLibSsh(),
                new ECDHNistP.Factory256(),
                new ECDHNistP.Factory384(),
                new ECDHNistP.Factory521(),
                new DHGexSHA256.Factory(),
                DHGroups.Group16SHA512(),
                DHGroups.Group18SHA512(),
                DHGroups.Group14SHA256(),
                new ExtInfoClientFactory()));
        setKeyAlgorithms(List.of(
                KeyAlgorithms.EdDSA25519(),
                KeyAlgorithms.ECDSASHANistp256(),
                KeyAlgorithms.ECDSASHANistp384(),
                KeyAlgorithms.ECDSASHANistp521(),
                KeyAlgorithms.RSASHA512(),
                KeyAlgorithms.RSASHA256(),
                KeyAlgorithms.SSHRSA()));
        setCipherFactories(List.of(
                GcmCiphers.AES128GCM(),
                GcmCiphers.AES256GCM(),
                BlockCiphers.AES128CTR(),
                BlockCiphers.AES192CTR(),
                BlockCiphers.AES256CTR()));
        setMACFactories(List.of(
                Macs.HMACSHA2256Etm(),
                Macs.HMACSHA2512Etm(),
                Macs.HMACSHA2256(),
                Macs.HMACSHA2512(),
                Macs.HMACSHA1Etm(),
                Macs.HMACSHA1()));
        setCompressionFactories(List.of(new NoneCompression.Factory()));
        setRandomFactory(new SingletonRandomFactory(new JCERandom.Factory()));
        setFileKeyProviderFactories(List.of(
                new OpenSSHKeyV1KeyFile.Factory(),
                new PKCS8KeyFile.Factory(),
                new OpenSSHKeyFile.Factory(),
                new PuTTYKeyFile.Factory()));
        setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    /** The identification sshj sends ({@code SSH-2.0-SSHJ_0.40.0}): servers' compatibility rules know it. */
    private static String sshjVersion() {
        try (InputStream in = ConfigImpl.class.getClassLoader().getResourceAsStream("sshj.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return "SSHJ_" + p.getProperty("sshj.version", "unknown").replace('-', '_');
        } catch (IOException e) {
            return "SSHJ_unknown";
        }
    }
}
