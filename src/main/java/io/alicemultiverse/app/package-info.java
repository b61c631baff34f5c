/** Wiring: configuration and the {@link io.alicemultiverse.app.LibraryService} facade every surface calls. */
package io.alicemultiverse.app;
