/**
 * Perceptual hashes (dHash, pHash) of images and video keyframes, from the 32 × 32 grids {@code media.HashGrid}
 * decodes: made once by organize, compared by {@code similar} and {@code understand}.
 */
package io.alicemultiverse.hash;
