package io.alicemultiverse.timeline;

/** Renders a timeline in one interchange format. Implementations are stateless and thread-safe. */
interface TimelineWriter {
    /** The whole file's text. */
    String write(Timeline timeline);
}
