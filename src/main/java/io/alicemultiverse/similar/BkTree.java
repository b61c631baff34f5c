package io.alicemultiverse.similar;

/**
 * A Burkhard–Keller tree over Hamming distance, in flat arrays: node {@code i} is hash {@code i}; its children
 * hang at distinct distances from it, kept as a sibling list ({@code firstChild}, {@code nextSibling},
 * {@code edge} = the child's distance to its parent). A query at radius {@code r} visits a child at edge
 * {@code e} only when {@code |e - d(query, node)| ≤ r} (triangle inequality). Memory: 17 bytes per hash.
 */
final class BkTree implements HammingSearch {
    private final long[] hashes;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final byte[] edge;

    BkTree(long[] hashes) {
        this.hashes = hashes;
        int n = hashes.length;
        firstChild = new int[n];
        nextSibling = new int[n];
        edge = new byte[n];
        java.util.Arrays.fill(firstChild, -1);
        java.util.Arrays.fill(nextSibling, -1);
        for (int i = 1; i < n; i++) {
            insert(i);
        }
    }

    private void insert(int id) {
        int node = 0;
        while (true) {
            int d = Long.bitCount(hashes[node] ^ hashes[id]);
            int child = firstChild[node];
            int found = -1;
            while (child >= 0) {
                if (edge[child] == d) {
                    found = child;
                    break;
                }
                child = nextSibling[child];
            }
            if (found < 0) {
                edge[id] = (byte) d;
                nextSibling[id] = firstChild[node];
                firstChild[node] = id;
                return;
            }
            node = found;
        }
    }

    @Override
    public void within(long query, int radius, IntBuffer out) {
        if (hashes.length == 0 || radius < 0) {
            return;
        }
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int d = Long.bitCount(hashes[node] ^ query);
            if (d <= radius) {
                out.add(node);
            }
            for (int c = firstChild[node]; c >= 0; c = nextSibling[c]) {
                if (Math.abs(edge[c] - d) <= radius) {
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = c;
                }
            }
        }
    }

    /** One query per hash, keeping the partners after it. */
    @Override
    public long[] pairs(int radius) {
        LongBuffer found = new LongBuffer();
        IntBuffer near = new IntBuffer();
        for (int i = 0; i < hashes.length; i++) {
            near.clear();
            within(hashes[i], radius, near);
            for (int k = 0; k < near.size(); k++) {
                if (near.get(k) > i) {
                    found.add((long) i << 32 | near.get(k));
                }
            }
        }
        return found.toArray();
    }

    @Override
    public long bytes() {
        return 8L * hashes.length + 4L * firstChild.length + 4L * nextSibling.length + edge.length;
    }
}
