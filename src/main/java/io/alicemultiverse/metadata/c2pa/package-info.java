/**
 * C2PA content credentials: the JUMBF boxes that carry a manifest store (from PNG {@code caBX}, WebP {@code C2PA}
 * or JPEG APP11), and a summary of what its manifests say about how the file was made.
 */
package io.alicemultiverse.metadata.c2pa;
