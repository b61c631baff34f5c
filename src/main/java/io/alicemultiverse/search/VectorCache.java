package io.alicemultiverse.search;

import io.alicemultiverse.catalog.PrivateFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A machine's copy of a shared catalog's vector index, in its cache folder beside the lexical index
 * ({@link IndexFolder}): a one-shot search reads it from the local disk (1,000,000 vectors are 1.5 GB, which a
 * PostgreSQL server hands over far more slowly) and asks the catalog only for what changed since — the assets the
 * change log names and the vectors stored with a newer mark. The file records the change counter and the newest
 * stored mark it reflects; it is written 0600 through a temporary file and a rename, and read only when it is this
 * user's, whole and unaltered (a CRC-32C over every byte): otherwise it is ignored and the index is loaded from the
 * catalog. Stateless.
 */
final class VectorCache {
    private static final String MAGIC = "alice-vectors-1";
    private static final int CHUNK = 1 << 20;

    /** What a cache file holds: the index, and the change counter and stored-vector mark it reflects. */
    record Cached(VectorIndex index, long counter, long mark) {
    }

    private VectorCache() {
    }

    static Path file(Path lexicalFolder, String model) {
        return lexicalFolder.resolveSibling("vectors-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
    }

    /** The cached index of {@code model}, or null when there is none this process may trust. */
    static Cached read(Path file, String model, int dims) {
        if (!Files.exists(file) || !PrivateFiles.trusted(file)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        try (InputStream buffered = new BufferedInputStream(Files.newInputStream(file), CHUNK);
             DataInputStream in = new DataInputStream(new CheckedInputStream(buffered, crc))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(model) || in.readInt() != dims) {
                return null;
            }
            long counter = in.readLong();
            long mark = in.readLong();
            int groups = in.readInt();
            int assets = in.readInt();
            if (groups < 0 || assets < groups || (long) groups * dims > Integer.MAX_VALUE - 8) {
                return null;
            }
            int[] start = new int[groups + 1];
            for (int i = 0; i <= groups; i++) {
                start[i] = in.readInt();
            }
            String[] owners = new String[assets];
            for (int i = 0; i < assets; i++) {
                owners[i] = in.readUTF();
            }
            float[] vectors = new float[groups * dims];
            byte[] chunk = new byte[CHUNK];
            for (int off = 0; off < vectors.length; ) {
                int n = Math.min(CHUNK / Float.BYTES, vectors.length - off);
                in.readFully(chunk, 0, n * Float.BYTES);
                ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().get(vectors, off, n);
                off += n;
            }
            long expected = crc.getValue();
            if (new DataInputStream(buffered).readLong() != expected || buffered.read() != -1) {
                return null;
            }
            return new Cached(VectorIndex.of(vectors, dims, start, owners), counter, mark);
        } catch (IOException | RuntimeException e) {
            return null; // torn or foreign: the catalog has it all
        }
    }

    /** Writes {@code index} as reflecting {@code counter} and {@code mark}; a failure leaves the old file or none. */
    static void write(Path file, String model, VectorIndex index, long counter, long mark) {
        try {
            io.alicemultiverse.media.Folders.privately(file.getParent());
            Path tmp = PrivateFiles.newTemp(file);
            try {
                CRC32C crc = new CRC32C();
                try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), CHUNK)) {
                    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                    index.writeTo(out, MAGIC, model, counter, mark, CHUNK);
                    out.flush();
                    new DataOutputStream(raw).writeLong(crc.getValue());
                }
                PrivateFiles.replace(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // a cache: the next search loads from the catalog again
        }
    }
}
