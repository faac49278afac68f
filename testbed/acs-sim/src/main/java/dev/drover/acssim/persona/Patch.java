package dev.drover.acssim.persona;

/** One schema patch: applied when a database below {@code targetSchema} is brought to or past it. */
public final class Patch {
    private final String id;
    private final String description;
    private final int targetSchema;

    Patch(String id, String description, int targetSchema) {
        this.id = id;
        this.description = description;
        this.targetSchema = targetSchema;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public int targetSchema() {
        return targetSchema;
    }
}
