/**
 * The DuckDB catalog at {@code <library>/.alice/catalog.duckdb}: schema and forward-only migrations, batched
 * writes through the Appender from one writer, and typed reads. An index of the library, rebuildable from its files.
 */
package io.alicemultiverse.catalog;
