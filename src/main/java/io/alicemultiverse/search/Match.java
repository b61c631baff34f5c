package io.alicemultiverse.search;

import java.time.LocalDateTime;

/** A search candidate that passed the filters, before its row is fetched; {@code score} is null without text. */
record Match(String hash, LocalDateTime createdAt, String path, Double score) {
}
