package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that asks for a password (SCRAM, as PostgreSQL's default pg_hba does) when none was found: the error says
 * where alice looks for one, not only the driver's "no password was provided". The server is a fake on 127.0.0.1
 * that speaks the protocol's first exchange: it declines SSL and GSS encryption, then asks for SCRAM-SHA-256.
 */
class MissingPasswordTest {
    @TempDir
    Path tmp;

    @Test
    void aServerAskingForAPasswordNoneWasFoundForSaysWhereToPutOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> askForScram(server));
            fake.setDaemon(true);
            fake.start();
            // this user's own ~/.pgpass must not answer for the fake server
            String before = System.setProperty("org.postgresql.pgpassfile", tmp.resolve("no-pgpass").toString());
            CatalogUrl url = CatalogUrl.parse("postgresql://alice@127.0.0.1:" + server.getLocalPort() + "/studio",
                    Map.of());
            assertThatThrownBy(() -> Catalog.open(tmp.resolve("library"), url))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("postgresql://alice@127.0.0.1:" + server.getLocalPort() + "/studio")
                    .hasMessageContaining("no password found for it: set PGPASSWORD")
                    .hasMessageContaining("~/.pgpass");
            fake.join(10_000);
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    /** Answers one connection: 'N' to encryption requests, then an AuthenticationSASL message naming SCRAM-SHA-256. */
    private static void askForScram(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.readNBytes(length - 8);
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: declined
                    out.writeByte('N');
                    out.flush();
                    continue;
                }
                assertThat(code).isEqualTo(196608); // protocol 3.0 startup
                byte[] mechanism = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
                out.writeByte('R');
                out.writeInt(4 + 4 + mechanism.length);
                out.writeInt(10); // AuthenticationSASL
                out.write(mechanism);
                out.flush();
                in.read(); // until the client gives up
                return;
            }
        } catch (Exception e) {
            // the client closed the connection: what the test awaits
        }
    }
}
