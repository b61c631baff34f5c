package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.LibraryService;
import io.alicemultiverse.app.Owner;
import io.alicemultiverse.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;

import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code alice serve}: the web gallery, JSON API and metrics; owns the library until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the gallery, the JSON API and /metrics (127.0.0.1 by default) until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    LibraryOptions lib;

    @Option(names = "--port", description = "Port (default 8765; 0 picks a free one).", defaultValue = "8765")
    int port;

    @Option(names = "--bind", description = "Address to listen on (default 127.0.0.1).", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--token", description = "The token clients must present (default: a new random one, printed in the URL).")
    String token;

    @Option(names = "--no-token", description = "Serve loopback without a token (any local user and process can then read the library).")
    boolean noToken;

    @Option(names = "--allowed-host", paramLabel = "NAME", description = "A further host name clients may use (repeatable; loopback names and the bind address always work).")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 (a free one) to 65535, not " + port);
        }
        Config c = lib.resolve();
        InetAddress address = InetAddress.getByName(bind);
        boolean loopback = address.isLoopbackAddress();
        if (!address.isAnyLocalAddress() && !loopback && java.net.NetworkInterface.getByInetAddress(address) == null) {
            // the web server would report it as a port in use
            throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine");
        }
        if (noToken && !loopback) {
            throw new IllegalArgumentException("--no-token is for a loopback bind only; " + bind + " needs a token");
        }
        if (noToken && token != null) {
            throw new IllegalArgumentException("--no-token and --token exclude each other");
        }
        // a token always (as Jupyter does): other local users and web pages can reach 127.0.0.1 too
        if (!noToken && (token == null || token.isBlank())) {
            token = Owner.newToken();
        }
        OwnerChannel.refuseIfOwned(c.library());
        CountDownLatch stop = new CountDownLatch(1);
        try (GracefulStop signal = new GracefulStop(Duration.ofSeconds(10));
             LibraryService library = lib.open();
             OwnerChannel owner = OwnerChannel.open(library, "serve");
             WebServer server = WebServer.start(library, bind, port, token, allowedHosts,
                     () -> library.video(VideoCommand.settings(lib.config, System.getenv()), System.getenv()))) {
            signal.onSignal(stop::countDown);
            library.warmSearchInBackground();
            // the owner advances video jobs submitted from anywhere, so their clips land while it runs
            library.advanceVideoJobsInBackground(VideoCommand.settings(lib.config, System.getenv()), System.getenv());
            Output.err().println("alice: gallery at http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                    + server.port() + "/" + (token != null ? "?token=" + token : ""));
            stop.await();
        }
        return 0;
    }
}
