/** The catalog as open data: Parquet, CSV and JSON Lines files of the assets, their tags, understanding and costs. */
package io.alicemultiverse.export;
