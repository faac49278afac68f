package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code k=v} splitting against Ansible itself: {@code playbook/parse_kv/cases.json} holds what
 * ansible-core 2.14's {@code parse_kv} returned for each string (regenerate with generate.py next to
 * it). Adding a case is adding a line to the generator.
 */
class KeyValueArgsTest {

    static Stream<Arguments> ansibleCases() throws IOException {
        try (InputStream in = KeyValueArgsTest.class.getResourceAsStream("/playbook/parse_kv/cases.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(Arguments.of(c.get("args").asText(), c.get("check_raw").asBoolean(), c.get("expected")));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "[{index}] check_raw={1}: {0}")
    @MethodSource("ansibleCases")
    void matchesAnsibleParseKv(String args, boolean checkRaw, JsonNode expected) throws Exception {
        if (expected.isTextual() && expected.asText().equals("error")) {
            assertThrows(KeyValueArgs.SplitException.class, () -> KeyValueArgs.parse(args, checkRaw));
            return;
        }
        Map<String, Object> want = new LinkedHashMap<>();
        expected.properties().forEach(f -> want.put(f.getKey(), f.getValue().asText()));
        Map<String, Object> got = KeyValueArgs.parse(args, checkRaw);
        assertEquals(want, got);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "argument order is kept");
    }

    @Test
    void splitKeepsJinjaBlocksAndQuotedSpacesTogether() throws Exception {
        assertEquals(List.of("copy", "src=\"a b\"", "dest={{ d | default('x y') }}"),
                KeyValueArgs.split("copy src=\"a b\" dest={{ d | default('x y') }}"));
    }

    @Test
    void unquoteRemovesOnlyOneMatchingPairAndNotAnEscapedClosingQuote() {
        assertEquals("a", KeyValueArgs.unquote("\"a\""));
        assertEquals("'a\"", KeyValueArgs.unquote("'a\""));
        assertEquals("\"a\\\"", KeyValueArgs.unquote("\"a\\\""));
        assertEquals("\"a\"", KeyValueArgs.unquote("'\"a\"'"));
    }
}
