package dev.drover.demo;

import java.nio.file.Path;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SFTP on the real file system whose default directory is the node's directory, as OpenSSH's is the
 * login home: absolute paths are real paths, relative ones resolve against the node. (MINA's own
 * factories either root the file system at a directory or use the JVM's working directory.)
 */
public final class NodeSftpSubsystemFactory extends SftpSubsystemFactory {
    private final Path home;

    public NodeSftpSubsystemFactory(Path home) {
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
