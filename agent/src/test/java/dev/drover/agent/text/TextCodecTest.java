package dev.drover.agent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCodecTest {

    @Test
    void anyBytesRoundTripExactly() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, TextCodec.encode(TextCodec.decode(bytes)), "round " + round);
        }
    }

    @Test
    void validUtf8DecodesToTheText() {
        String text = "Grüße, €, 𝄞";
        assertEquals(text, TextCodec.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void latin1ByteBecomesAnEscapeAndNewTextIsUtf8() {
        String decoded = TextCodec.decode(new byte[] {'M', (byte) 0xFC, 'l'});
        assertEquals(3, decoded.length());
        assertEquals(true, TextCodec.isEscapedByte(decoded, 1));
        assertArrayEquals(new byte[] {'M', (byte) 0xFC, 'l', (byte) 0xC3, (byte) 0xBC},
                TextCodec.encode(decoded + "ü"));
    }
}
