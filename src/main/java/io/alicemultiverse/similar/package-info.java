/** Visual likeness: perceptual hashes (dHash, pHash) of the small greyscale pictures {@code media} decodes. */
package io.alicemultiverse.similar;
