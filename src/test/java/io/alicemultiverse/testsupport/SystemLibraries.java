package io.alicemultiverse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether a shared library is installed where Debian, Ubuntu and Fedora put them, for tests of optional bindings. */
public final class SystemLibraries {
    private SystemLibraries() {
    }

    /** True when {@code soname} (for example {@code libdeflate.so.0}) is in one of the usual library folders. */
    public static boolean installed(String soname) {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(d -> Files.exists(Path.of(d, soname)));
    }
}
