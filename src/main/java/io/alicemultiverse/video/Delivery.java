package io.alicemultiverse.video;

/**
 * Gets a finished job's clip into the library: download, check, file. Implementations are idempotent per job — called
 * again after a crash, they pick up what an earlier attempt left (a partial download, a staged file, a filed clip).
 */
public interface Delivery {
    /** The clip, filed: its path relative to the library and its content hash. */
    record Delivered(String path, String contentHash) {
    }

    /** Why a delivery did not finish. */
    final class Failure extends Exception {
        /** What the scheduler can do about it. */
        public enum Kind {
            /** The URL no longer serves the clip (403, 404, 410): ask the provider for a fresh one. */
            EXPIRED,
            /** A dropped or short transfer, a 5xx: try again later. */
            TRANSIENT,
            /** The bytes are not a video the library takes. */
            INVALID,
            /** The clip is (or was about to be) larger than a clip may be: fetching it again would repeat that. */
            TOO_LARGE
        }

        private final Kind kind;

        public Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    Delivered deliver(VideoJob job) throws Failure;

    /**
     * Drops what an unfinished delivery of {@code job} left on disk (a partial download), once the job has given up:
     * a later {@code retry} downloads from the start. Best-effort; never throws.
     */
    default void discard(VideoJob job) {
    }
}
