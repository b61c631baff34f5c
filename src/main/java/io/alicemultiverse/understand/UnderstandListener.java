package io.alicemultiverse.understand;

/** Hears how a run goes; called from the run's own thread only. Every method defaults to doing nothing. */
public interface UnderstandListener {
    UnderstandListener NONE = new UnderstandListener() {
    };

    /** The plan is settled and the run is about to send what it lists. */
    default void planned(UnderstandPlan plan) {
    }

    default void started(int toSend) {
    }

    default void progressed(int done, int total) {
    }

    default void failed(ImageInput image, String error) {
    }

    default void warning(String message) {
    }

    /** Results for these assets (shared ones included) were just committed to the catalog. */
    default void stored(java.util.List<String> contentHashes) {
    }
}
