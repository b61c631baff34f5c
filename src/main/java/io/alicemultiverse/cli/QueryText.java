package io.alicemultiverse.cli;

import picocli.CommandLine;

/**
 * Reads a {@code --query}: an empty or blank one is a usage error, not a search for everything. A query with no words
 * matches every asset, so {@code --query "$UNSET"} would have tagged, untagged, exported or sent every asset of the
 * library; a command that should work on all of them says so with its own flag ({@code --all}) or by leaving
 * {@code --query} out.
 */
final class QueryText implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (value == null || value.isBlank()) {
            throw new CommandLine.TypeConversionException("an empty --query would match every asset; give the "
                    + "words or filters to search for");
        }
        return value;
    }
}
