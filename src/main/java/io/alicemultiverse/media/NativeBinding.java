package io.alicemultiverse.media;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.util.Map;

/** Binds a class's {@code native} methods to a system library through JNA direct mapping, when it is there. */
final class NativeBinding {
    private NativeBinding() {
    }

    /**
     * Registers {@code owner}'s native methods with the first of {@code names} that loads; false when
     * {@code -D<property>=false} turns the binding off, JNA has no stub for this platform, or no name loads.
     */
    static boolean register(Class<?> owner, String property, String... names) {
        try {
            if ("false".equalsIgnoreCase(System.getProperty(property, "true"))) {
                return false;
            }
            for (String name : names) {
                try {
                    Native.register(owner, NativeLibrary.getInstance(name, Map.of()));
                    return true;
                } catch (LinkageError | RuntimeException e) {
                    // not under this name; try the next
                }
            }
            return false;
        } catch (LinkageError e) {
            return false; // JNA has no native stub for this platform
        }
    }
}
