package io.alicemultiverse.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a journaled file operation does, each stored in the journal's {@code operation} column under the same id it
 * always had (old catalogs read unchanged). Organize writes {@link #COPY}, {@link #MOVE} and {@link #DUPLICATE_MOVE};
 * dedup {@link #TRASH}, {@link #TRASH_LINK} with {@link #HARDLINK}, and {@link #DELETE}; undo the reversals
 * {@link #RESTORE}, {@link #UNTRASH}, {@link #UNHARDLINK} and {@link #UNLINK}.
 */
public enum JournalOp {
    /** An inbox file copied into the library. */
    COPY("copy"),
    /** An inbox file moved into the library. */
    MOVE("move"),
    /** An inbox file already in the library moved aside into {@code .alice/duplicates}. */
    DUPLICATE_MOVE("duplicate-move"),
    /** A duplicate moved into the trash. */
    TRASH("trash"),
    /** A duplicate's bytes given a second name in the trash, before its name becomes a link to the keeper. */
    TRASH_LINK("trash-link"),
    /** A duplicate's name replaced by a hard link to its keeper (source: the keeper, target: the duplicate's name). */
    HARDLINK("hardlink"),
    /** A duplicate deleted. */
    DELETE("delete"),
    /** Undo: a filed copy or move taken back. */
    RESTORE("restore"),
    /** Undo: a trashed file moved back from the trash. */
    UNTRASH("untrash"),
    /** Undo: a hard link replaced again by the duplicate's own bytes from the trash. */
    UNHARDLINK("unhardlink"),
    /** Undo: a hard link removed where the duplicate's bytes came back by another way. */
    UNLINK("unlink"),
    /** Organize: an arriving XMP sidecar moved beside its file's new name. */
    SIDECAR_MOVE("sidecar-move"),
    /** Organize: an arriving XMP sidecar copied beside its file's new name. */
    SIDECAR_COPY("sidecar-copy"),
    /** Dedup: a removed copy's sidecar moved into the trash beside its bytes. */
    SIDECAR_TRASH("sidecar-trash"),
    /** Undo: a sidecar put back with its file. */
    SIDECAR_RESTORE("sidecar-restore");

    private final String id;

    JournalOp(String id) {
        this.id = id;
    }

    /** Whether this moves an XMP sidecar (which follows its file) rather than a catalogued file. */
    public boolean sidecar() {
        return id.startsWith("sidecar-");
    }

    /** The id stored in the catalog. */
    public String id() {
        return id;
    }

    /** The operation stored as {@code id}, or a {@link CatalogException} naming it and the known ones. */
    public static JournalOp of(String id) {
        for (JournalOp op : values()) {
            if (op.id.equals(id)) {
                return op;
            }
        }
        throw new CatalogException("unknown journal operation '" + id + "' in the catalog (known: "
                + Arrays.stream(values()).map(JournalOp::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
