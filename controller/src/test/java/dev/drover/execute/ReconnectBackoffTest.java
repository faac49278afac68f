package dev.drover.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnect loop's waits: 1, 2, 4, 8, 15, 15 ... s as the operator gets them, and the same
 * schedule scaled by {@code -Ddrover.reconnectBackoffPercent} (the connection-cutting OpenSSH tests
 * run it at 25 %, so they must not be the only ones to see the default).
 */
class ReconnectBackoffTest {
    @AfterEach
    void clear() {
        System.clearProperty(Reconnect.BACKOFF_PERCENT_PROPERTY);
    }

    private static List<Long> firstSeven() {
        return IntStream.rangeClosed(1, 7).mapToObj(Reconnect::backoffMillis).toList();
    }

    @Test
    void theDefaultBackoffIsOneTwoFourEightThenFifteenSeconds() {
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 15000L, 15000L, 15000L), firstSeven());
    }

    @Test
    void thePropertyScalesEveryWait() {
        System.setProperty(Reconnect.BACKOFF_PERCENT_PROPERTY, "25");
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 3750L, 3750L, 3750L), firstSeven());
    }
}
