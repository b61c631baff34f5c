/**
 * Putting files in their place: inbox scan, layout template, planning, journaled crash-safe file operations,
 * recovery after a crash, undo, consistency checks and index rebuilds.
 */
package io.alicemultiverse.library;
