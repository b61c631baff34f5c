/** The local web gallery and JSON API (Javalin): routes call the {@link io.alicemultiverse.app.Library} facade. */
package io.alicemultiverse.web;
