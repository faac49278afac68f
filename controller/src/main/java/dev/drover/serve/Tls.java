package dev.drover.serve;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS: a key and certificate the operator gives (PEM files), or a self-signed one made
 * at start with BouncyCastle (an EC P-256 key, valid one year, for the bind address and localhost),
 * whose SHA-256 fingerprint is printed so the first browser visit can be checked. The generated key
 * lives in memory only: a restart makes a new one. Immutable.
 */
public final class Tls {
    private final SslContext context;
    private final X509Certificate certificate;

    private Tls(SslContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /** TLS with the operator's PEM certificate (chain) and PKCS#8 or PKCS#1 private key. */
    public static Tls fromFiles(Path certificate, Path key) throws IOException {
        for (Path p : List.of(certificate, key)) {
            if (!Files.isReadable(p)) {
                throw new IOException(p + ": cannot read it (give a PEM certificate with --tls-cert and its key with --tls-key)");
            }
        }
        try (var in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new Tls(SslContextBuilder.forServer(certificate.toFile(), key.toFile()).build(), cert);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(certificate + " / " + key + ": not a usable PEM certificate and key: " + e.getMessage(), e);
        }
    }

    /** A new self-signed certificate for {@code host} (and localhost, 127.0.0.1). */
    public static Tls selfSigned(String host) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=drover serve");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), name, kp.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                boolean ip = host.matches("[0-9.]+") || host.contains(":");
                names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            return new Tls(SslContextBuilder.forServer(kp.getPrivate(), cert).build(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    SslContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate, as browsers show it: {@code AB:CD:...}. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
