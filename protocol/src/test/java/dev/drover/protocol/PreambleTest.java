package dev.drover.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PreambleTest {

    private static ByteArrayInputStream stream(String noise, byte[] rest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(noise.getBytes(StandardCharsets.UTF_8));
        Preamble.write(out, Messages.PROTOCOL_VERSION);
        out.write(rest);
        return new ByteArrayInputStream(out.toByteArray());
    }

    @Test
    void agentWritesTheMarkerOnItsOwnLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Preamble.write(out, 1);
        assertEquals("\n@@DROVER-AGENT@@1\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void markerIsFoundAfterLoginShellNoiseAndTheFrameStartsRightAfter() throws IOException {
        String motd = "Welcome to Ubuntu 22.04\nLast login: Tue from 10.0.0.1\nstty: 'standard input': Inappropriate ioctl\n";
        ByteArrayInputStream in = stream(motd, new byte[] {0, 0, 0, 2, '{', '}'});
        Preamble.Found found = Preamble.read(in);
        assertEquals(1, found.protocolVersion);
        assertEquals(motd, found.noise);
        assertEquals("{}", new String(FrameCodec.read(in), StandardCharsets.UTF_8));
    }

    @Test
    void noiseContainingPartialMarkersDoesNotHideTheRealOne() throws IOException {
        for (String noise : new String[] {"@@DROV", "echo @@DROVER-AGENT@ done\n", "@", "@@@", "x@@DROVER-AGENT"}) {
            Preamble.Found found = Preamble.read(stream(noise, new byte[0]));
            assertEquals(1, found.protocolVersion, noise);
            assertEquals(noise, found.noise, "the noise is reported byte for byte");
        }
    }

    @Test
    void markerRightAfterAnAtSignIsFound() throws IOException {
        // The marker starts and ends with "@@": a restart-from-scratch scanner misses this one.
        ByteArrayInputStream in = new ByteArrayInputStream("@@@DROVER-AGENT@@1\n".getBytes(StandardCharsets.US_ASCII));
        Preamble.Found found = Preamble.read(in);
        assertEquals(1, found.protocolVersion);
        assertEquals("@", found.noise);
    }

    @Test
    void endOfStreamWithoutMarkerCarriesWhatTheRemoteSidePrinted() {
        String output = "bash: java: command not found\n@@DROV";
        Preamble.NoPreambleException e = assertThrows(Preamble.NoPreambleException.class,
                () -> Preamble.read(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8))));
        assertEquals(output, e.output());
        assertTrue(e.getMessage().contains("java: command not found"), e.getMessage());
    }

    @Test
    void markerWithoutVersionIsRejected() {
        for (String bad : new String[] {"@@DROVER-AGENT@@\n", "@@DROVER-AGENT@@x\n", "@@DROVER-AGENT@@1"}) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> Preamble.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII))));
            assertTrue(e.getMessage().startsWith("malformed agent preamble"), e.getMessage());
        }
    }
}
