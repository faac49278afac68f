package dev.drover.inventory.source;

import dev.drover.inventory.InventoryException;

/**
 * A place in an inventory source, for error messages. Lines and columns count from 1.
 *
 * @param file the source as the user named it (so messages match what they typed)
 */
record Location(String file, int line, int column) {

    InventoryException error(String reason) {
        return InventoryException.at(file, line, column, reason);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
