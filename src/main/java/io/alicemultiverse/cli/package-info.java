/** The {@code alice} command line (picocli): parses arguments, calls the application, renders results. */
package io.alicemultiverse.cli;
