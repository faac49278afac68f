package dev.drover.cli;

import dev.drover.cli.thin.Wire;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run as another user by {@link ThinClientTest}: sends a command worker a well-formed request (the
 * identity read from a file, then the arguments) and prints what came back: {@code answer X} for a
 * frame of type X, {@code closed} when the worker closed without a word, {@code error ...} when the
 * socket could not be used at all.
 */
public final class PeerProbe {
    private PeerProbe() {
    }

    public static void main(String[] args) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            DataOutputStream out = new DataOutputStream(dev.drover.socket.SocketStreams.out(ch));
            out.writeInt(Wire.MAGIC);
            Wire.writeString(out, Files.readString(Path.of(args[1])));
            out.writeInt(args.length - 2);
            for (int i = 2; i < args.length; i++) {
                Wire.writeString(out, args[i]);
            }
            out.writeBoolean(false);
            out.flush();
            int type = Wire.readType(new DataInputStream(dev.drover.socket.SocketStreams.in(ch)));
            System.out.println(type < 0 ? "closed" : "answer " + (char) type);
        } catch (Exception e) {
            System.out.println("error " + e);
        }
    }
}
