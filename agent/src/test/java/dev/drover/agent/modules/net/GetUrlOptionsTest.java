package dev.drover.agent.modules.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_url's ciphers (OpenSSL names to the JVM's) and use_netrc (Python's netrc lookup). */
class GetUrlOptionsTest {
    @TempDir
    Path dir;

    @Test
    void openSslCipherNamesMapToTheJvmsSuites() {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", CipherSuites.jsseName("ECDHE-RSA-AES128-SHA256"));
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", CipherSuites.jsseName("ECDHE-ECDSA-AES128-SHA"));
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuites.jsseName("ECDHE-RSA-AES256-GCM-SHA384"));
        assertEquals("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", CipherSuites.jsseName("DHE-RSA-AES128-GCM-SHA256"));
        assertEquals("TLS_RSA_WITH_AES_128_CBC_SHA", CipherSuites.jsseName("AES128-SHA"));
        assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", CipherSuites.jsseName("ECDHE-RSA-CHACHA20-POLY1305"));
        assertEquals("TLS_AES_128_GCM_SHA256", CipherSuites.jsseName("TLS_AES_128_GCM_SHA256"));
        assertNull(CipherSuites.jsseName("HIGH"));
        assertNull(CipherSuites.jsseName("!aNULL"));
        // As Python's set_ciphers: the list limits TLS 1.2 and older; TLS 1.3 suites stay.
        String[] supported = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"};
        assertArrayEquals(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_AES_128_GCM_SHA256"},
                CipherSuites.jsseNames(Collections.singletonList("ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA"), supported));
    }

    @Test
    void aFileUrlsStatusCodeIsNull() throws Exception {
        Path src = Files.write(dir.resolve("src.txt"), "foobar".getBytes(StandardCharsets.UTF_8));
        java.util.Map<String, Object> result = new GetUrlModule().run(new dev.drover.agent.module.Args(WaitForModuleTest.args(
                "url", src.toUri().toString(), "dest", dir.resolve("copy.txt").toString())),
                new dev.drover.agent.module.ModuleContext(false, false, dev.drover.agent.modules.NoProcesses.RUNNER)).toMap();
        assertEquals(Boolean.TRUE, result.get("changed"), String.valueOf(result));
        assertEquals("OK (6 bytes)", result.get("msg"));
        // ansible localhost -m get_url -a "url=file:///... dest=..." (2.14): "status_code": null
        assertEquals(true, result.containsKey("status_code"), String.valueOf(result));
        assertNull(result.get("status_code"), String.valueOf(result));
    }

    @Test
    void netrcGivesTheMachinesLoginElseDefault() throws Exception {
        Path netrc = dir.resolve("netrc");
        Files.write(netrc, ("machine ansible.http.tests\nlogin foo\npassword bar\n"
                + "machine other login o password p\n"
                + "default login anon password guest\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Arrays.asList("foo", "bar"), Arrays.asList(Netrc.lookup(netrc.toString(), "ansible.http.tests")));
        assertEquals(Arrays.asList("o", "p"), Arrays.asList(Netrc.lookup(netrc.toString(), "OTHER")));
        assertEquals(Arrays.asList("anon", "guest"), Arrays.asList(Netrc.lookup(netrc.toString(), "elsewhere")));
        assertNull(Netrc.lookup(dir.resolve("missing").toString(), "ansible.http.tests"));
        Files.write(netrc, "machine h login only\n".getBytes(StandardCharsets.UTF_8));
        assertNull(Netrc.lookup(netrc.toString(), "h"), "no password: no credentials, as Ansible's check");
    }
}
