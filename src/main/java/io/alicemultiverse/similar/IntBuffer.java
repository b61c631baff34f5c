package io.alicemultiverse.similar;

import java.util.Arrays;

/** A growable list of primitive ints (no boxing). Not thread-safe. */
final class IntBuffer {
    private int[] items = new int[16];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int get(int i) {
        return items[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Keeps the first {@code newSize} items. */
    void truncate(int newSize) {
        size = Math.min(size, newSize);
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
