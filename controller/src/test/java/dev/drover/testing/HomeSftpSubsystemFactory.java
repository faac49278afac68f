package dev.drover.testing;

import java.nio.file.Path;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SFTP on the real file system whose default directory is the login home, as with OpenSSH: absolute
 * paths are real paths, relative ones resolve against {@code home}. (MINA's own factories either
 * root the whole file system at the home directory or use the JVM's working directory.)
 */
final class HomeSftpSubsystemFactory extends SftpSubsystemFactory {
    private final Path home;

    HomeSftpSubsystemFactory(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
            @Override
            public Path getDefaultDirectory() {
                return home;
            }
        };
        getRegisteredListeners().forEach(subsystem::addSftpEventListener);
        return subsystem;
    }
}
