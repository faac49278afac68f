package dev.drover.agent.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values are what Python's os.path.expandvars / expanduser return. */
class ExpansionTest {
    private final Map<String, String> env = Map.of("X", "1", "HOME", "/home/op");

    @Test
    void expandsKnownVariablesAndLeavesOthersAsWritten() {
        assertEquals("1 1 $X_ $ ${} $1 1y $Xy ${NOPE} $é", Expansion.vars("$X ${X} $X_ $ ${} $1 ${X}y $Xy ${NOPE} $é", env));
        assertEquals("no dollar", Expansion.vars("no dollar", env));
        assertEquals("${unclosed", Expansion.vars("${unclosed", env));
    }

    @Test
    void expandsTildeAtTheStartOnly() {
        assertEquals("/home/op", Expansion.user("~", env));
        assertEquals("/home/op/a", Expansion.user("~/a", env));
        assertEquals("a~", Expansion.user("a~", env));
        assertEquals("~drover-no-such-user/x", Expansion.user("~drover-no-such-user/x", env));
        assertEquals("/x", Expansion.user("~/x", Map.of("HOME", "/")));
        assertEquals("/home/u/x", Expansion.user("~/x", Map.of("HOME", "/home/u/")));
    }

    @Test
    void rootsHomeComesFromPasswd() {
        // Every Linux system has root in /etc/passwd; its home is /root on all mainstream distributions.
        assertEquals("/root/x", Expansion.user("~root/x", env));
    }

    @Test
    void pathArgumentsGetVariablesThenTilde() {
        assertEquals("/home/op/1", Expansion.path("~/$X", env));
        assertEquals("/home/op/x", Expansion.path("$HOME/x", env));
    }
}
