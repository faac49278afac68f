package dev.drover.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ProxySetting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jump hosts from inventory variables: drover_jump_hosts first, then the ssh arguments Ansible users have. */
class ConnectionVarsJumpTest {
    private static ProxySetting proxy(Map<String, Object> vars) throws BadHostVarException {
        return ConnectionVars.settings(new TargetHost("app1", vars), ConnectionOverrides.none(), Path.of("/work")).proxy();
    }

    @Test
    void droverJumpHostsAsTextOrListWinsOverTheSshArguments() throws Exception {
        assertEquals(ProxySetting.jump("ops@b1:2222,b2", "host variable drover_jump_hosts"),
                proxy(Map.of("drover_jump_hosts", "ops@b1:2222,b2", "ansible_ssh_common_args", "-J other")));
        assertEquals(ProxySetting.jump("b1,b2", "host variable drover_jump_hosts"),
                proxy(Map.of("drover_jump_hosts", List.of("b1", "b2"))));
        assertEquals("none", proxy(Map.of("drover_jump_hosts", List.of())).value());
    }

    @Test
    void ansibleSshArgumentsNameTheJumpCommonBeforeExtra() throws Exception {
        assertEquals(ProxySetting.command("ssh -W %h:%p -q ops@gw", "-o ProxyCommand in ansible_ssh_common_args/ansible_ssh_extra_args"),
                proxy(Map.of("ansible_ssh_common_args", "-o ProxyCommand=\"ssh -W %h:%p -q ops@gw\"",
                        "ansible_ssh_extra_args", "-J later")));
        assertEquals("later", proxy(Map.of("ansible_ssh_extra_args", "-J later")).value());
        assertNull(proxy(Map.of("ansible_ssh_common_args", "-o StrictHostKeyChecking=accept-new")));
    }

    @Test
    void unbalancedQuotesAreABadHostVariable() {
        BadHostVarException e = assertThrows(BadHostVarException.class,
                () -> proxy(Map.of("ansible_ssh_common_args", "-o ProxyCommand='ssh -W %h:%p gw")));
        assertTrue(e.getMessage().contains("app1") && e.getMessage().contains("ansible_ssh_common_args"), e.getMessage());
    }
}
