/** Wiring: configuration and the {@link io.alicemultiverse.app.Library} facade every surface calls. */
package io.alicemultiverse.app;
