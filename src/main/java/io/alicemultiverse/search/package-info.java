/**
 * Finding assets: the query model, the plain-language parser (time words, generators, media words, quoted phrases,
 * exclusions, {@code tag:}), typed catalog filters ({@code catalog.AssetFilter}), a Lucene BM25 index over prompt
 * and tags, an in-memory vector index over all-MiniLM-L6-v2 embeddings, and their merge into one ranking.
 */
package io.alicemultiverse.search;
