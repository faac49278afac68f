package dev.drover.agent.modules.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a log file poll by poll, on one thread: what a line is and which lines are new. */
class LogFollowerTest {
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();

    private LogFollower.Poll poll(LogFollower f) throws IOException {
        return f.poll((line, end) -> {
            lines.add(line);
            ends.add(end);
            return false;
        });
    }

    private static void append(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void absentFileIsWaitedForThenReadFromItsStart() throws IOException {
        Path log = dir.resolve("app.log");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            assertEquals(LogFollower.Poll.IDLE, poll(f));
            append(log, "one\ntwo\n");
            poll(f);
            assertEquals(Arrays.asList("one", "two"), lines);
            assertEquals(Arrays.asList(4L, 8L), ends);
        }
    }

    @Test
    void emptyFileIsNotAnError() throws IOException {
        Path log = dir.resolve("app.log");
        Files.createFile(log);
        try (LogFollower f = new LogFollower(log, 0, null)) {
            assertEquals(LogFollower.Poll.IDLE, poll(f));
            assertEquals(0, f.offset());
            assertTrue(lines.isEmpty());
        }
    }

    @Test
    void aPartialLineIsHandedOverOnlyOnceComplete() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "Alfresco Content Services sta");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            assertTrue(lines.isEmpty(), "no newline yet: " + lines);
            assertEquals(0, f.offset(), "the offset stays at the start of the unfinished line");
            append(log, "rted\r\nnext");
            poll(f);
            assertEquals(Arrays.asList("Alfresco Content Services started"), lines, "CR of CRLF dropped, no fragment");
            poll(f);
            assertEquals(1, lines.size(), "each line once");
        }
    }

    @Test
    void onlyNewBytesAreReadEachPoll() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "old\n");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            append(log, "new\n");
            poll(f);
            poll(f);
            assertEquals(Arrays.asList("old", "new"), lines);
        }
    }

    @Test
    void truncationRestartsAtTheBeginning() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "a long line from the previous run of the server\n");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            Files.write(log, "fresh\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
            poll(f);
            assertEquals("fresh", lines.get(lines.size() - 1));
            assertEquals(1, f.truncations());
        }
    }

    @Test
    void rotationDrainsTheOldFileThenReadsTheNewOneFromItsStart() throws IOException {
        Path log = dir.resolve("app.log");
        Path rotated = dir.resolve("app.log.1");
        append(log, "before\n");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            Files.move(log, rotated);
            // The writer still holds the old file until it reopens: its last lines must not be lost.
            append(rotated, "last words of the old file\nunterminated");
            append(log, "first of the new file\n");
            poll(f);
            assertEquals(Arrays.asList("before", "last words of the old file", "unterminated", "first of the new file"), lines);
            assertEquals(1, f.rotations());
            assertEquals(22, f.offset(), "the offset is in the new file");
        }
    }

    @Test
    void removedFileIsDrainedAndThenAwaited() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "x\n");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            Files.delete(log);
            assertEquals(LogFollower.Poll.IDLE, poll(f));
            append(log, "back\n");
            poll(f);
            assertEquals(Arrays.asList("x", "back"), lines);
        }
    }

    @Test
    void startOffsetAppliesOnlyToTheFileItWasTakenFrom() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "old success\n");
        Object key = LogFollower.stat(log).fileKey();
        long end = LogFollower.endOfLastLine(log, Files.size(log));
        assertEquals(12, end);
        try (LogFollower same = new LogFollower(log, end, key)) {
            append(log, "new\n");
            poll(same);
            assertEquals(Arrays.asList("new"), lines);
        }
        lines.clear();
        Files.move(log, dir.resolve("app.log.1"));
        append(log, "replaced\n");
        try (LogFollower other = new LogFollower(log, end, key)) {
            poll(other);
            assertEquals(Arrays.asList("replaced"), lines, "another file is read whole");
        }
    }

    @Test
    void endOfLastLineKeepsAnUnfinishedLine() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "done\nhalf");
        assertEquals(5, LogFollower.endOfLastLine(log, Files.size(log)));
        assertEquals(0, LogFollower.endOfLastLine(dir.resolve("missing"), 0));
    }

    @Test
    void stoppingLeavesTheOffsetRightAfterTheMatchingLine() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "a\nmatch\nb\nc\n");
        try (LogFollower f = new LogFollower(log, 0, null)) {
            LogFollower.Poll p = f.poll((line, end) -> line.equals("match"));
            assertEquals(LogFollower.Poll.STOPPED, p);
            assertEquals(8, f.offset());
        }
    }

    @Test
    void aHugeLineWithoutNewlinesIsHandedOverInPieces() throws IOException {
        Path log = dir.resolve("binary.log");
        byte[] blob = new byte[LogFollower.MAX_LINE * 2 + 10];
        Arrays.fill(blob, (byte) 'x');
        Files.write(log, blob);
        try (LogFollower f = new LogFollower(log, 0, null)) {
            poll(f);
            assertEquals(2, lines.size());
            assertEquals(LogFollower.MAX_LINE, lines.get(0).length());
        }
    }
}
