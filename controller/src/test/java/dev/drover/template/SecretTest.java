package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets are readable by templates, and whatever they flow into comes back as a secret. */
class SecretTest {
    private final Map<String, Object> vars = Map.of(
            "db_password", Secret.of("hunter2"),
            "db", Map.of("user", "alfresco", "password", Secret.of("s3cr3t")),
            "host", "db1");

    @Test
    void aLoneSecretStaysASecret() {
        assertEquals(Secret.of("hunter2"), TEMPLATER.render("{{ db_password }}", vars));
    }

    @Test
    void textBuiltFromASecretIsASecret() {
        Object url = TEMPLATER.render("jdbc:postgresql://{{ host }}/x?user={{ db.user }}&password={{ db.password }}", vars);
        Secret secret = assertInstanceOf(Secret.class, url);
        assertEquals("jdbc:postgresql://db1/x?user=alfresco&password=s3cr3t", secret.revealString());
        assertEquals("********", url.toString());
    }

    @Test
    void filtersSeeTheValueAndStringResultsAreSecret() {
        assertEquals(Secret.of("HUNTER2"), TEMPLATER.render("{{ db_password | upper }}", vars));
        assertEquals(Secret.of("\"hunter2\""), TEMPLATER.render("{{ db_password | to_json }}", vars));
        assertEquals(7, TEMPLATER.render("{{ db_password | length }}", vars));
        assertTrue(TEMPLATER.condition("db_password == 'hunter2'", vars));
    }

    @Test
    void everyStringOfAContainerBuiltWithASecretIsSecret() {
        Object list = TEMPLATER.render("{{ [host, db.password] }}", vars);
        assertEquals(List.of(Secret.of("db1"), Secret.of("s3cr3t")), list);
    }

    @Test
    void resultsWithoutSecretsArePlain() {
        assertEquals("db1", TEMPLATER.render("{{ host }}", vars));
        assertEquals("alfresco", TEMPLATER.render("{{ db.user }}", vars));
        assertFalse(TEMPLATER.render("{{ db.keys() | list }}", vars).toString().contains("s3cr3t"));
    }
}
