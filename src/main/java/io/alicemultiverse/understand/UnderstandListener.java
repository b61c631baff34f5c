package io.alicemultiverse.understand;

/** Hears how a run goes; called from the run's own thread only. Every method defaults to doing nothing. */
public interface UnderstandListener {
    UnderstandListener NONE = new UnderstandListener() {
    };

    default void started(int toSend) {
    }

    default void progressed(int done, int total) {
    }

    default void failed(ImageInput image, String error) {
    }

    default void warning(String message) {
    }
}
