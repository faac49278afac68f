package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drover.inventory.InventoryException;
import dev.drover.inventory.TestInventories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mistake in a file is reported as {@code file:line:column: cause}, pointing at the offending
 * token. Files are in src/test/resources/inventory/bad.
 */
class BadInventoryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bad-range.ini        | 7:1   | malformed host range 'node[1:x]': end 'x' is not a number
        zero-pad.ini         | 2:1   | malformed host range 'node[01:100]': a zero-padded range needs begin and end of the same width
        empty-range.ini      | 2:1   | malformed host range 'node[5:1]': begin 5 is greater than end 1
        unknown-section.ini  | 4:5   | unknown section type ':foo' in [web:foo]; use [web], [web:vars] or [web:children]
        bad-header.ini       | 1:1   | invalid section header '[web'
        space-header.ini     | 1:1   | invalid section header '[a b]'
        cycle.ini            | 8:1   | group cycle: making 'a' a child of 'c' would close the loop a -> b -> c -> a
        self-child.ini       | 2:1   | group 'web' cannot be a child of itself
        all-child.ini        | 4:1   | group 'all' cannot be a child of 'web': every group is already inside 'all'
        cycle.yml            | 5:9   | group cycle: making 'b' a child of 'a' would close the loop b -> a -> b
        undefined-child.ini  | 6:1   | [acs:children] includes undefined group 'nodes'; declare it with a [nodes] section
        vars-undefined.ini   | 3:1   | [nodes:vars] sets variables of group 'nodes', which no [nodes] or [nodes:children] section declares
        unclosed-quote.ini   | 2:11  | cannot read host line 'web1 motd="unclosed quote': No closing quotation
        missing-equals.ini   | 2:24  | expected key=value after host 'web1', got 'sudo'
        trailing-colon.ini   | 2:1   | host 'web1:' ends with ':'
        bad-priority.ini     | 4:1   | ansible_group_priority must be a whole number, got 'high'
        hosts-list.yml       | 3:5   | expected a mapping of hosts (name: variables) under 'hosts' of group 'all', found a list
        children-list.yml    | 5:9   | expected a mapping of child groups under 'children' of group 'web', found a list
        host-vars-string.yml | 3:11  | expected a mapping of variables for host 'web1' in group 'all', found a string
        syntax.yml           | 6:1   | YAML syntax error: expected ',' or '}', but got <stream end> (while parsing a flow mapping that starts at line 5, column 15)
        noext-yaml-syntax    | 6:1   | YAML syntax error: expected ',' or ']'
        plugin.yml           | 1:1   | this is the configuration of Ansible inventory plugin 'amazon.aws.aws_ec2', which drover does not run
        empty.yml            | 1:1   | the YAML inventory is empty
        alias-bomb.yml       | 8:42  | aliases expand this file to more than 1000000 values; this looks like an alias bomb
        """)
    void errorNamesFileLineColumnAndCause(String file, String lineColumn, String cause) {
        String path = TestInventories.path("bad/" + file).toString();
        assertError(path, path, lineColumn, cause);
    }

    /** Errors in group_vars/host_vars files name that file, not the inventory. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        vault/hosts.ini         | vault/group_vars/web.yml     | 1:1  | this file is encrypted with Ansible Vault, and no vault password was given
        vault-inline/hosts.yml  | vault-inline/hosts.yml       | 3:18 | this !vault value is encrypted with Ansible Vault, and no vault password was given
        vars-list/hosts.ini     | vars-list/group_vars/web.yml | 1:1  | a variables file holds a mapping of names to values, found a list
        """)
    void varsFileErrorsNameTheVarsFile(String inventory, String file, String lineColumn, String cause) {
        assertError(TestInventories.path("bad/" + inventory).toString(), TestInventories.path("bad/" + file).toString(),
                lineColumn, cause);
    }

    private static void assertError(String source, String path, String lineColumn, String cause) {
        InventoryException e = assertThrows(InventoryException.class, () -> InventorySources.load(source));
        String prefix = path + ":" + lineColumn + ": ";
        assertEquals(prefix + cause, e.getMessage().substring(0, Math.min(e.getMessage().length(), prefix.length() + cause.length())),
                e.getMessage());
    }
}
