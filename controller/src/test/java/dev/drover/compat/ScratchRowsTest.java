package dev.drover.compat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scratch (not committed): runs chosen rows of AnsibleTargetsTest. */
class ScratchRowsTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "raw, 0, ok=23 changed=9 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0",
        "fetch, 0, ok=55 changed=18 unreachable=0 failed=0 skipped=4 rescued=0 ignored=14",
    })
    void row(String target, int exit, String recap) throws Exception {
        AnsibleTargetsTest t = new AnsibleTargetsTest();
        t.work = work;
        t.targetPassesAsUnderAnsible(target, exit, recap);
    }
}
