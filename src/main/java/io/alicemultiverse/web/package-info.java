/** The local web gallery and JSON API (Javalin): routes call the {@link io.alicemultiverse.app.LibraryService} facade. */
package io.alicemultiverse.web;
