package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A listener that stands in front of others must pass every event on: {@link PlayListener}'s methods
 * are defaults that do nothing, so a forwarder that forgets a new one drops that event for every
 * output behind it, silently (the vault's redactor once dropped batches, lost connections and
 * reattachments this way, and the console never said "connection lost, reconnecting").
 */
class ForwardingListenersTest {
    @ParameterizedTest
    @ValueSource(classes = {ListenerTee.class, RedactingListener.class})
    void everyEventIsPassedOn(Class<?> forwarder) {
        List<String> missing = new ArrayList<>();
        for (Method m : PlayListener.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method own = forwarder.getMethod(m.getName(), m.getParameterTypes());
                if (own.getDeclaringClass() != forwarder) {
                    missing.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing, forwarder.getSimpleName() + " does not pass these events on");
    }
}
