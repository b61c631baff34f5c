/**
 * XMP sidecars for photo managers (Lightroom, darktable, digiKam): tags, descriptions, ratings and the generation
 * record written beside each library file with Adobe's XMP Toolkit, and tags edited in those tools read back.
 */
package io.alicemultiverse.xmp;
