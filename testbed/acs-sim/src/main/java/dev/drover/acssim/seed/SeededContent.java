package dev.drover.acssim.seed;

import java.util.Calendar;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;

/**
 * The deterministic part of seeding: names, UUIDs, content bytes and store paths drawn from one
 * {@link Random}. Calls must happen in the same order for the same result; not thread-safe.
 */
final class SeededContent {
    private static final String[] WORDS = {"Budget", "Contract", "Minutes", "Invoice", "Policy", "Report", "Plan",
        "Review", "Proposal", "Memo", "Schedule", "Specification"};
    private static final String[] EXTENSIONS = {"pdf", "docx", "txt", "xlsx", "png", "odt"};
    /** Content dates start here (the ACS.md example log line) and spread over about three years. */
    private static final long FIRST_MILLIS = 1568016960000L; // 2019-09-09T08:16:00Z
    private static final long SPREAD_MINUTES = 3L * 365 * 24 * 60;

    private final Random random;

    SeededContent(long seed) {
        this.random = new Random(seed);
    }

    /** A version 4 UUID made from the seeded random bytes. */
    String uuid() {
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    String documentName(long id) {
        return WORDS[random.nextInt(WORDS.length)] + " " + id + "." + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    }

    /** Mostly small files, some medium, a few large: 64 B .. 256 KiB. */
    byte[] content() {
        int roll = random.nextInt(100);
        int size;
        if (roll < 70) {
            size = 64 + random.nextInt(4 * 1024);
        } else if (roll < 95) {
            size = 4 * 1024 + random.nextInt(60 * 1024);
        } else {
            size = 64 * 1024 + random.nextInt(192 * 1024);
        }
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code YYYY/M/D/H/m} in UTC (no zero padding, like ACS's FileContentStore). */
    String storeDirectory() {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(FIRST_MILLIS + (long) (random.nextDouble() * SPREAD_MINUTES) * 60_000L);
        return calendar.get(Calendar.YEAR) + "/" + (calendar.get(Calendar.MONTH) + 1) + "/"
                + calendar.get(Calendar.DAY_OF_MONTH) + "/" + calendar.get(Calendar.HOUR_OF_DAY) + "/"
                + calendar.get(Calendar.MINUTE);
    }

    byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
