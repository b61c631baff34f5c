package io.alicemultiverse.understand;

import dev.langchain4j.exception.HttpException;

/**
 * Maps whatever a langchain4j model threw to a {@link ProviderException}, looking through the causes for what
 * {@link ProviderHttp} threw. The message is built here from the status or the failure's kind only — never from the
 * exception's own text, which could quote a request. Stateless.
 */
final class Failures {
    private Failures() {
    }

    static ProviderException map(String provider, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderException p) {
                return p;
            }
            if (t instanceof ProviderHttp.StatusException s) {
                return ProviderException.http(provider, s.statusCode(), s.retryAfter());
            }
            if (t instanceof HttpException h) {
                return ProviderException.http(provider, h.statusCode(), null);
            }
            if (t instanceof ProviderHttp.TransportException x) {
                return new ProviderException(provider + " request " + x.getMessage(), 0, null, true);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                // the answer itself (a proxy's error page, a cut-off body), not the model's reply inside it
                return new ProviderException(provider + " answered with a body that is not JSON", 0, null, false);
            }
        }
        return new ProviderException(provider + " request failed (" + e.getClass().getSimpleName() + ")", 0, null,
                false);
    }
}
