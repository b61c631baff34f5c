package io.alicemultiverse.cli;

import io.alicemultiverse.app.Config;
import io.alicemultiverse.app.Library;
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

    @Option(names = "--token", description = "Require this token (needed to bind beyond loopback; generated if omitted there).")
    String token;

    @Override
    public Integer call() throws Exception {
        Config c = lib.resolve();
        if (!InetAddress.getByName(bind).isLoopbackAddress() && (token == null || token.isBlank())) {
            token = Owner.newToken();
            Output.err().println("alice: serving beyond loopback; token (shown once): " + token);
        }
        OwnerChannel.refuseIfOwned(c.library());
        CountDownLatch stop = new CountDownLatch(1);
        try (GracefulStop signal = new GracefulStop(Duration.ofSeconds(10));
             Library library = lib.open();
             OwnerChannel owner = OwnerChannel.open(c.library(), "serve");
             WebServer server = WebServer.start(library, bind, port, token)) {
            signal.onSignal(stop::countDown);
            library.warmSearchInBackground();
            Output.err().println("alice: gallery at http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                    + server.port() + "/" + (token != null ? "?token=<token>" : ""));
            stop.await();
        }
        return 0;
    }
}
