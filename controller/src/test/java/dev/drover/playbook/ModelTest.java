package dev.drover.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model's guarantees: positions print as file:line:column, values are immutable copies, settings inherit. */
class ModelTest {
    private static final SourcePos POS = new SourcePos(Path.of("playbooks", "site.yml"), 12, 7);

    @Test
    void sourcePosPrintsLikeACompiler() {
        assertEquals("playbooks/site.yml:12:7", POS.toString());
        assertThrows(IllegalArgumentException.class, () -> new SourcePos(Path.of("x"), 0, 1));
    }

    @Test
    void settingsInheritOnlyWhenUnset() {
        Setting<Boolean> parent = Setting.fixed(true);
        assertEquals(parent, Setting.<Boolean>unset().or(parent));
        assertEquals(Setting.fixed(false), Setting.fixed(false).or(parent));
        assertEquals(Setting.templated("{{ x }}"), Setting.<Boolean>templated("{{ x }}").or(parent));
        assertEquals(Setting.unset(), Setting.unset());
    }

    @Test
    void moduleArgsAreDeepImmutableCopiesThatKeepNullsAndOrder() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("k", null);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("b", 1);
        args.put("a", new ArrayList<>(List.of(nested)));
        ModuleTask task = new ModuleTask(TaskOptions.none(POS), "copy", args);
        args.put("c", 3);
        nested.put("k", "changed");
        assertEquals(List.of("b", "a"), List.copyOf(task.args().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> copied = ((List<Map<String, Object>>) task.args().get("a")).get(0);
        assertNull(copied.get("k"));
        assertThrows(UnsupportedOperationException.class, () -> copied.put("x", 1));
    }

    @Test
    void toBuilderDerivesAChangedCopyAndLeavesTheOriginal() {
        TaskOptions original = TaskOptions.builder(POS).name(Optional.of("a")).when(List.of("x")).build();
        TaskOptions changed = original.toBuilder().when(List.of("y", "x")).build();
        assertEquals(List.of("x"), original.when());
        assertEquals(List.of("y", "x"), changed.when());
        assertEquals(original.name(), changed.name());
        assertEquals(original.pos(), changed.pos());
        assertEquals(original, original.toBuilder().build());
    }

    @Test
    void loopFlavoursNameTheirAnsibleKeyword() {
        assertEquals("loop", Loop.Flavor.LIST.keyword());
        assertEquals("with_items", Loop.Flavor.ITEMS.keyword());
        assertEquals("with_dict", Loop.Flavor.DICT.keyword());
    }
}
