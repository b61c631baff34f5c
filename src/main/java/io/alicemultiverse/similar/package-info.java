/** Visual likeness: similar assets and duplicate groups over the perceptual hashes of {@code hash}, and keeper choice. */
package io.alicemultiverse.similar;
