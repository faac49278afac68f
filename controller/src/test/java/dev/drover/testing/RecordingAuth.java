package dev.drover.testing;

import dev.drover.testing.MinaSshServer.AuthAttempt;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/** MINA authentication pieces that record what the client tried, for {@link MinaSshServer#authAttempts()}. */
final class RecordingAuth {
    private RecordingAuth() {
    }

    /**
     * Public-key authentication limited to the given signature algorithms, recording the algorithm
     * the client named. An algorithm outside the list is refused as OpenSSH refuses one missing from
     * {@code PubkeyAcceptedAlgorithms} (MINA would otherwise fail with an exception).
     */
    static final class PublicKeyFactory extends UserAuthPublicKeyFactory {
        private final List<AuthAttempt> attempts;

        PublicKeyFactory(List<NamedFactory<Signature>> signatures, List<AuthAttempt> attempts) {
            super(signatures);
            this.attempts = attempts;
        }

        @Override
        public UserAuthPublicKey createUserAuth(ServerSession session) {
            List<NamedFactory<Signature>> signatures = getSignatureFactories();
            return new UserAuthPublicKey(signatures) {
                @Override
                public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
                    int start = buffer.rpos();
                    boolean signed = buffer.getBoolean();
                    String algorithm = buffer.getString();
                    buffer.rpos(start);
                    Boolean result;
                    if (!NamedResource.getNameList(signatures).contains(algorithm)) {
                        result = Boolean.FALSE;
                    } else {
                        result = super.doAuth(buffer, init);
                    }
                    attempts.add(new AuthAttempt("publickey", getUsername(), algorithm,
                            signed || result == Boolean.FALSE ? result : null));
                    return result;
                }
            };
        }
    }

    /** The standard one-prompt ("Password: ") keyboard-interactive exchange, checked against one password. */
    static final class KeyboardInteractive extends DefaultKeyboardInteractiveAuthenticator {
        private final String user;
        private final String password;
        private final List<AuthAttempt> attempts;

        KeyboardInteractive(String user, String password, List<AuthAttempt> attempts) {
            this.user = user;
            this.password = password;
            this.attempts = attempts;
        }

        @Override
        public boolean authenticate(ServerSession session, String username, List<String> responses) {
            boolean ok = user.equals(username) && responses.size() == 1 && password.equals(responses.get(0));
            attempts.add(new AuthAttempt("keyboard-interactive", username, null, ok));
            return ok;
        }
    }
}
