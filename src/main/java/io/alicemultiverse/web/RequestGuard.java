package io.alicemultiverse.web;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Decides, before any route runs, whether a request may reach the library: the answer for requests that a web page
 * in the user's browser, a DNS-rebinding page or another local user could make. In order:
 * <ol>
 *   <li>every response gets anti-framing, {@code nosniff}, no-referrer and same-origin resource headers;</li>
 *   <li>a {@code Host} that is not one of the server's own names is 403 (DNS rebinding: the attacker's name
 *       resolves to 127.0.0.1, but the browser still sends that name);</li>
 *   <li>a state change (anything but GET/HEAD) whose {@code Origin} or {@code Sec-Fetch-Site} shows another site
 *       (or another port of this host) is 403;</li>
 *   <li>with a token: {@code /api/*} and {@code /metrics} need it, as {@code Authorization: Bearer}, the
 *       {@code HttpOnly; SameSite=Strict} cookie, or {@code ?token=} (which sets the cookie: the token handed out
 *       once in the printed URL);</li>
 *   <li>a state change whose body is not {@code application/json} is 415 (browsers send form and {@code text/plain}
 *       posts cross-site without asking first; JSON needs a preflight the server never grants).</li>
 * </ol>
 * Hand-written, not a library: Javalin has no host allow-list or fetch-metadata filter, and the rules are a page.
 * Immutable and thread-safe.
 */
final class RequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private final Set<String> hosts;
    private final boolean anyIpLiteral;
    private final String token;
    private final IntSupplier port;

    /**
     * @param bind         the address the server listens on
     * @param allowedHosts further names clients may use in {@code Host} (for a bind beyond loopback)
     * @param token        the secret clients must present, or null for none
     * @param port         the server's port once started (names the cookie: cookies are shared by every port of a
     *                     host)
     */
    RequestGuard(String bind, List<String> allowedHosts, String token, IntSupplier port) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(bind);
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        names.add(bare(bind));
        allowedHosts.forEach(h -> names.add(bare(h)));
        this.hosts = Set.copyOf(names);
        // bound to every interface, clients reach it by any of the machine's addresses; an IP literal cannot be
        // re-bound by DNS, so it is as safe as the names above
        this.anyIpLiteral = address.isAnyLocalAddress();
        this.token = token;
        this.port = port;
    }

    /** The cookie's name (per port). */
    String cookieName() {
        return "alice_token_" + port.getAsInt();
    }

    /** Runs the checks; on refusal answers the request and returns false. */
    boolean admit(Context ctx) {
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        String host = hostName(ctx.header("Host"));
        if (host == null || !(hosts.contains(host) || anyIpLiteral && isIpLiteral(host))) {
            return refuse(ctx, 403, "this server answers only to its own host names, not '" + ctx.header("Host")
                    + "' (alice serve --allowed-host NAME adds one)");
        }
        if (token != null && "GET".equals(ctx.method().name()) && !needsToken(ctx.path())
                && same(ctx.queryParam("token"))) {
            // the printed URL: swap the token for the cookie and drop it from the address bar and history
            setCookie(ctx);
            // a path of "//evil.com/" would be read as another site's address: only ever this server's own paths
            ctx.status(302).header("Location", ctx.path().replaceFirst("^[/\\\\]+", "/"));
            return false;
        }
        boolean changes = !("GET".equals(ctx.method().name()) || "HEAD".equals(ctx.method().name()));
        if (changes && crossSite(ctx)) {
            return refuse(ctx, 403, "cross-site requests may not change the library");
        }
        if (token != null && needsToken(ctx.path()) && !tokenGiven(ctx)) {
            return refuse(ctx, 401, "a token is required (open the URL alice serve printed)");
        }
        if (changes && !isJson(ctx.header("Content-Type"))) {
            return refuse(ctx, 415, "send the body as application/json");
        }
        return true;
    }

    private static boolean needsToken(String path) {
        // the pages and their scripts hold no data; what they fetch does
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics");
    }

    private boolean tokenGiven(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ") && same(header.substring(7))) {
            return true;
        }
        if (same(ctx.cookie(cookieName()))) {
            return true;
        }
        if (same(ctx.queryParam("token"))) {
            setCookie(ctx);
            return true;
        }
        return false;
    }

    /** Hands the browser the token as a cookie that scripts cannot read and other sites' requests do not carry. */
    void setCookie(Context ctx) {
        ctx.header("Set-Cookie", cookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }

    /** Whether {@code given} is the token (in constant time). */
    boolean same(String given) {
        return given != null && token != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    boolean hasToken() {
        return token != null;
    }

    private static boolean crossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false; // not a browser (curl, a script): the token and the JSON rule still apply
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return !"http".equals(o.getScheme()) || authority == null
                    || !authority.equalsIgnoreCase(ctx.header("Host"));
        } catch (IllegalArgumentException e) {
            return true; // "null" (a sandboxed frame, a file: page) or garbage
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static boolean refuse(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result("{\"error\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        return false;
    }

    /** The host name of a {@code Host} header (port and IPv6 brackets removed, lower case), or null. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String bare(String name) {
        String h = name.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
