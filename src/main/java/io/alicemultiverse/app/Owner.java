package io.alicemultiverse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alicemultiverse.catalog.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The process that owns a library: DuckDB allows one writing process per catalog, so the long-running commands
 * ({@code mcp}, {@code organize --watch}, {@code serve}) own the library and answer other {@code alice} commands
 * on 127.0.0.1. Recorded in {@code <library>/.alice/owner.json}; an owner whose process is gone is stale and
 * ignored. Immutable.
 *
 * @param pid     the owner's process id
 * @param port    the loopback port it listens on
 * @param token   a random secret a client must present
 * @param command what the owner runs ({@code mcp}, {@code organize --watch}, …)
 */
public record Owner(long pid, int port, String token, String command) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Path file(Path library) {
        return library.toAbsolutePath().normalize().resolve(".alice").resolve("owner.json");
    }

    /** A new random token. */
    public static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * The live owner of {@code library}, if any; a stale or unreadable owner file counts as none, and so does one
     * that is a symbolic link, belongs to another user or others may write (planted: following it would send this
     * user's command line and API keys to someone else's port).
     */
    public static Optional<Owner> find(Path library) {
        Path f = file(library);
        if (!PrivateFiles.trusted(f)) {
            return Optional.empty();
        }
        try {
            Owner o = JSON.readValue(f.toFile(), Owner.class);
            if (o.pid() == ProcessHandle.current().pid()) {
                return Optional.empty(); // ourselves: work in-process
            }
            return ProcessHandle.of(o.pid()).filter(ProcessHandle::isAlive).map(h -> o);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes this owner's file: in the 0700 {@code .alice/}, through a 0600 file made with {@code CREATE_NEW} and
     * renamed into place, so the token is never readable by anyone else, not even for a moment.
     *
     * @throws IOException also when {@code .alice/} or the owner file is a planted symbolic link
     */
    public void write(Path library) throws IOException {
        PrivateFiles.dir(library.toAbsolutePath().normalize());
        PrivateFiles.write(file(library), JSON.writeValueAsBytes(this));
    }

    /** Removes the owner file if it is still this owner's. */
    public void release(Path library) {
        try {
            Optional<Owner> current = Files.isRegularFile(file(library))
                    ? Optional.of(JSON.readValue(file(library).toFile(), Owner.class)) : Optional.empty();
            if (current.isPresent() && current.get().pid() == pid && current.get().port() == port) {
                Files.deleteIfExists(file(library));
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a stale file is ignored by the next reader anyway
        }
    }
}
