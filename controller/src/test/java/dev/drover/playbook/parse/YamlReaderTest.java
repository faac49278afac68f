package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlReaderTest {
    @TempDir
    Path dir;

    private YamlNode read(String yaml) throws PlaybookException {
        return new YamlReader(new SourceFiles(), dev.drover.vault.Vault.NONE).read(Files.write(dir, "f.yml", yaml), null).orElseThrow();
    }

    private PlaybookException failure(String yaml) {
        return assertThrows(PlaybookException.class, () -> read(yaml));
    }

    private Object valueOf(String scalar) throws PlaybookException {
        YamlNode.Mapping m = (YamlNode.Mapping) read("a: " + scalar + "\n");
        return m.entries().get(0).value().toPlain();
    }

    /** Expected values recorded from PyYAML 6 (yaml.safe_load), which Ansible uses. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "yes|Boolean|true", "Yes|Boolean|true", "NO|Boolean|false", "on|Boolean|true", "off|Boolean|false",
        "y|String|y", "n|String|n", "'yes'|String|yes", "\"no\"|String|no",
        "0755|Integer|493", "08|String|08", "1:30|Integer|90", "0x1F|Integer|31", "0b101|Integer|5",
        "+1|Integer|1", "1_000|Integer|1000", "12345678901234567890|BigInteger|12345678901234567890",
        "4294967296|Long|4294967296", ".5|Double|0.5", "-.5|String|-.5", "1.5e3|String|1.5e3",
        "1.5e+3|Double|1500.0", "1e3|String|1e3", "0o17|String|0o17", ".inf|Double|Infinity",
        "'0755'|String|0755", "!!str 123|String|123", "!!int \"42\"|Integer|42",
        "2024-01-01|String|2024-01-01", "v1.2|String|v1.2",
        // PyYAML reads the YAML 1.2 escape \/ (Ansible's unarchive target has "[^A-Za-z](\/usr\/bin:?)")
        "\"(\\/usr\\/bin:?)\"|String|(/usr/bin:?)"})
    void scalarsAreTypedLikePyYaml(String scalar, String type, String expected) throws Exception {
        Object v = valueOf(scalar);
        assertEquals(type, v.getClass().getSimpleName(), "type of " + scalar);
        assertEquals(expected, v.toString());
    }

    @Test
    void nullsAndEmptyValues() throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) read("a: ~\nb:\nc: null\nd: ''\n");
        assertEquals(Arrays.asList(null, null, null, ""),
                m.entries().stream().map(e -> e.value().toPlain()).toList());
    }

    @Test
    void positionsAreOneBasedAtTheFirstCharacterOfKeyAndValue() throws Exception {
        YamlNode.Sequence root = (YamlNode.Sequence) read("- hosts: all\n  tasks:\n    - name: x\n      copy: {src: a}\n");
        YamlNode.Mapping play = (YamlNode.Mapping) root.items().get(0);
        assertEquals(new SourcePos(dir.resolve("f.yml"), 1, 3), play.pos());
        YamlNode.Entry hosts = play.entries().get(0);
        assertEquals(1, hosts.keyPos().line());
        assertEquals(3, hosts.keyPos().column());
        assertEquals(10, hosts.value().pos().column());
        YamlNode.Mapping task = (YamlNode.Mapping) ((YamlNode.Sequence) play.entries().get(1).value()).items().get(0);
        assertEquals(3, task.pos().line());
        assertEquals(7, task.pos().column());
        YamlNode.Entry copy = task.entries().get(1);
        assertEquals("4:7", copy.keyPos().line() + ":" + copy.keyPos().column());
        assertEquals("4:13", copy.value().pos().line() + ":" + copy.value().pos().column());
    }

    @Test
    void keyOrderIsKept() throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) read("z: 1\na: 2\nm: 3\n");
        assertEquals(List.of("z", "a", "m"), m.entries().stream().map(YamlNode.Entry::key).toList());
    }

    @Test
    void aliasesResolveToTheAnchoredNodeIncludingScalars() throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) read("port: &p 8080\nlist: &l [a, b]\nagain: *p\nitems: *l\n");
        Map<?, ?> plain = (Map<?, ?>) m.toPlain();
        assertEquals(8080, plain.get("again"));
        assertEquals(List.of("a", "b"), plain.get("items"));
    }

    @Test
    void mergeKeysApplyWithExplicitKeysWinning() throws Exception {
        YamlNode.Mapping m = (YamlNode.Mapping) read("""
                base: &base {user: alfresco, port: 8080}
                extra: &extra {port: 9090, debug: true}
                node:
                  <<: [*base, *extra]
                  port: 8443
                """);
        Map<?, ?> node = (Map<?, ?>) ((Map<?, ?>) m.toPlain()).get("node");
        Map<String, Object> expected = new HashMap<>(Map.of("user", "alfresco", "port", 8443, "debug", true));
        assertEquals(expected, node);
    }

    @Test
    void mergeOfANonMappingIsAnError() {
        PlaybookException e = failure("a: &x 1\nb:\n  <<: *x\n");
        assertEquals("the merge key '<<' needs a mapping or a list of mappings, got the number 1", e.problem());
    }

    @Test
    void unknownAliasIsAnError() {
        PlaybookException e = failure("a: 1\nb: *nope\n");
        assertEquals(dir.resolve("f.yml") + ":2:4", e.pos().toString());
        assertEquals("unknown alias '*nope'", e.problem());
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondKey() {
        PlaybookException e = failure("- hosts: all\n  name: one\n  name: two\n");
        assertEquals(3, e.pos().line());
        assertEquals(3, e.pos().column());
        assertEquals("duplicate key 'name' (first written at line 2, column 3)", e.problem());
        assertEquals("    3 |   name: two\n      |   ^", e.snippet());
    }

    @Test
    void aSecondDocumentIsAnError() {
        PlaybookException e = failure("- hosts: a\n---\n- hosts: b\n");
        assertEquals("a second YAML document ('---') in one file", e.problem());
        assertEquals(3, e.pos().line());
    }

    @Test
    void emptyFileHasNoDocument() throws Exception {
        assertTrue(new YamlReader(new SourceFiles(), dev.drover.vault.Vault.NONE).read(Files.write(dir, "e.yml", "# nothing\n"), null).isEmpty());
    }

    @Test
    void badIndentationPointsAtTheMisplacedKey() {
        PlaybookException e = failure("- hosts: all\n  tasks:\n    - name: x\n      copy: src=a\n     bad: 1\n");
        assertEquals(dir.resolve("f.yml") + ":5:6", e.pos().toString());
        assertEquals("YAML syntax error: this line does not line up with the lines above"
                + " (expected <block end>, but found '<block mapping start>')", e.problem());
        assertTrue(e.hint().startsWith("check the indentation"), e.hint());
        assertEquals("    5 |      bad: 1\n      |      ^", e.snippet());
    }

    @Test
    void unclosedQuotePointsAtTheOpeningQuote() {
        PlaybookException e = failure("a: 1\nb: \"x\nc: 3\n");
        assertEquals(2, e.pos().line());
        assertEquals(4, e.pos().column());
        assertEquals("close the quote or bracket that starts here", e.hint());
    }

    @Test
    void tabIndentationGetsItsOwnHint() {
        PlaybookException e = failure("a: 1\n\tb: 2\n");
        assertEquals(2, e.pos().line());
        assertEquals(1, e.pos().column());
        assertEquals("indent with spaces; YAML does not allow tabs for indentation", e.hint());
        assertTrue(e.problem().startsWith("YAML syntax error: a tab is used for indentation ("), e.problem());
    }

    @Test
    void unquotedTemplateGetsAnsiblesQuotingHint() {
        PlaybookException e = failure("- debug:\n    msg: {{ greeting }}\n");
        assertEquals("2:10", e.pos().line() + ":" + e.pos().column());
        assertEquals("a value that starts with '{{' must be quoted", e.problem());
        assertEquals("write \"{{ greeting }}\"; unquoted, YAML reads '{' as the start of a mapping", e.hint());
        PlaybookException item = failure("- debug: var=x\n  loop:\n    - {{ a }}\n");
        assertEquals("3:7", item.pos().line() + ":" + item.pos().column());
        PlaybookException quoted = failure("- debug:\n    msg: \"a: {{ b }}\" x: y\n");
        assertTrue(quoted.problem().startsWith("YAML syntax error:"), "a quoted '{{' is not the trap: " + quoted.problem());
    }

    @Test
    void colonInAnUnquotedValueGetsAQuotingHint() {
        PlaybookException e = failure("- debug:\n    msg: note: this breaks\n");
        assertEquals("2:14", e.pos().line() + ":" + e.pos().column());
        assertTrue(e.hint().startsWith("quote a value that contains ': '"), e.hint());
    }

    @Test
    void aVaultValueWithoutPasswordIsRejectedClearly() {
        PlaybookException vault = failure("password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n");
        org.junit.jupiter.api.Assertions.assertTrue(vault.problem().startsWith(
                "this !vault value is encrypted with Ansible Vault, and no vault password was given: pass"), vault.problem());
        assertEquals("1:11", vault.pos().line() + ":" + vault.pos().column());
    }

    @Test
    void unsafeStringsListsAndMappingsAreNeverTemplates() throws PlaybookException {
        assertEquals(dev.drover.template.Unsafe.of("{{ x }}"), valueOf("!unsafe '{{ x }}'"));
        assertEquals(dev.drover.template.Unsafe.of(java.util.List.of("{{ a }}", "b")), valueOf("!unsafe ['{{ a }}', b]"));
        assertEquals(dev.drover.template.Unsafe.of(java.util.Map.of("k", "{{ v }}")), valueOf("!unsafe {k: '{{ v }}'}"));
    }

    @Test
    void messageHoldsPositionProblemSnippetAndHint() {
        PlaybookException e = failure("a: 1\na: 2\n");
        assertEquals(dir.resolve("f.yml") + ":2:1: duplicate key 'a' (first written at line 1, column 1)\n"
                + "    2 | a: 2\n"
                + "      | ^\n"
                + "hint: YAML would keep only the last value; remove one of them", e.getMessage());
    }

    @Test
    void caretLinesUpUnderTabs() {
        assertEquals("    1 | \tx: y\n      | \t   ^", SourceSnippet.render(List.of("\tx: y"), 1, 5));
    }

    @Test
    void aliasBombsAreStoppedBeforeTheyExpand() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 7; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, prev))).append("]\n");
        }
        PlaybookException e = failure(yaml.toString());
        assertEquals("aliases expand this file to more than 1000000 values", e.problem());
        assertEquals(6, e.pos().line(), "a5 = 10 x a4 is the first to pass a million");
    }

    @Test
    void anAnchorUsedInsideItselfIsUnknown() {
        PlaybookException e = failure("a: &x [1, *x]\n");
        assertEquals("unknown alias '*x'", e.problem());
    }

    @Test
    void bigIntegersSurvive() throws Exception {
        assertEquals(new BigInteger("123456789012345678901234567890"), valueOf("123456789012345678901234567890"));
    }
}
