package io.alicemultiverse.catalog;

/** The project's one unchecked exception for catalog failures (a locked, corrupt or newer catalog). */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
