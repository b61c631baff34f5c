package io.alicemultiverse.app;

import io.alicemultiverse.search.SearchQuery;

import java.util.List;

/**
 * What a surface asks {@link LibraryService#understand} to do. Immutable.
 *
 * @param targets   files or folders (anywhere), library paths, or content hashes (or unique prefixes of them)
 * @param query     every image this search matches, or null
 * @param all       every catalogued image
 * @param provider  provider id, or null for the configured one (else {@code local})
 * @param model     model, or null for the provider's configured or default one
 * @param baseUrl   another server for the provider, or null
 * @param budgetUsd hard limit on this run's spend, or null
 * @param dryRun    plan and estimate only; nothing is sent or stored and no key is needed
 * @param confirmed the user accepted an estimate above {@code confirm_above_usd}
 */
public record UnderstandRequest(List<String> targets, SearchQuery query, boolean all, String provider, String model,
                                String baseUrl, Double budgetUsd, boolean dryRun, boolean confirmed,
                                boolean shareNearDuplicates) {
    public UnderstandRequest {
        targets = List.copyOf(targets);
        if (targets.isEmpty() && query == null && !all) {
            throw new IllegalArgumentException("name images (files, folders, library paths or content hashes), "
                    + "give a query, or ask for all");
        }
        if (budgetUsd != null && !(budgetUsd >= 0)) {
            throw new IllegalArgumentException("the budget must be a number ≥ 0: " + budgetUsd);
        }
    }
}
