/** Files as bytes: magic-byte format sniffing, walking folders for media, and external tools (ffprobe). */
package io.alicemultiverse.media;
