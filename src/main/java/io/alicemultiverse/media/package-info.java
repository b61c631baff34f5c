/**
 * Files as bytes and pixels: magic-byte format sniffing, walking folders for media, fast downscaled greyscale decoding
 * for perceptual hashing ({@link io.alicemultiverse.media.HashGrid}), and external tools (ffprobe, ffmpeg).
 */
package io.alicemultiverse.media;
