package dev.drover.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** drover_java_options: JVM options for the agent (a trust store, a hosts file), as a list or a string. */
class ConnectionVarsJavaOptionsTest {
    private static List<String> options(Object value) throws BadHostVarException {
        return ConnectionVars.agentOptions(new TargetHost("app1", Map.of("drover_java_options", value))).javaOptions();
    }

    @Test
    void aListOrAStringSplitAtSpaces() throws Exception {
        assertEquals(List.of("-Djavax.net.ssl.trustStore=/etc/acs/trust.p12", "-Xmx64m"),
                options(" -Djavax.net.ssl.trustStore=/etc/acs/trust.p12   -Xmx64m "));
        assertEquals(List.of("-Da=b c", "-Xmx64m"), options(List.of("-Da=b c", "-Xmx64m")));
        assertEquals(List.of(), ConnectionVars.agentOptions(new TargetHost("app1", Map.of())).javaOptions());
    }

    @Test
    void aWordThatIsNoOptionNamesHostAndVariable() {
        BadHostVarException e = assertThrows(BadHostVarException.class, () -> options("-Xmx64m Main"));
        assertTrue(e.getMessage().contains("app1") && e.getMessage().contains("drover_java_options")
                && e.getMessage().contains("'Main' is not a JVM option"), e.getMessage());
    }
}
