package io.alicemultiverse.search;

import io.alicemultiverse.catalog.PrivateFiles;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Lucene folder whose files are 0600: Lucene creates them with the process's umask (0644 as a rule), so each is
 * narrowed as soon as it exists, before a byte of the index (prompts, tags, descriptions) is written to it, inside
 * a folder already made 0700 ({@link io.alicemultiverse.media.Folders#privately}). Thread-safe as the directory it
 * wraps.
 */
final class PrivateDirectory extends FilterDirectory {
    private final Path folder;

    PrivateDirectory(FSDirectory in) {
        super(in);
        this.folder = in.getDirectory();
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput out = super.createOutput(name, context);
        narrow(out.getName());
        return out;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput out = super.createTempOutput(prefix, suffix, context);
        narrow(out.getName());
        return out;
    }

    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = super.obtainLock(name);
        narrow(name);
        return lock;
    }

    private void narrow(String name) {
        try {
            PrivateFiles.restrict(folder.resolve(name));
        } catch (IOException e) {
            // a filesystem that refuses: the 0700 folder still keeps other users out
        }
    }
}
