/**
 * Containers and what they carry: PNG chunks, JPEG segments, WebP chunks, EXIF/XMP, C2PA, stealth LSB and
 * sidecars, read into {@link io.alicemultiverse.metadata.RawMetadata} and recognised as a
 * {@link io.alicemultiverse.metadata.Generation} by {@link io.alicemultiverse.metadata.Inspector}.
 */
package io.alicemultiverse.metadata;
