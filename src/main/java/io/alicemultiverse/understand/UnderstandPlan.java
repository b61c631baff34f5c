package io.alicemultiverse.understand;

import java.util.List;
import java.util.Map;

/**
 * What a run would do, before anything is sent: which images still need a result and what that is expected to
 * cost. Immutable. {@code sharedWith} maps a representative's content hash to the near duplicates that will share
 * its result (empty unless near-duplicate sharing was asked for).
 */
public record UnderstandPlan(String provider, String model, boolean paid, int selected, int cached,
                             List<ImageInput> toSend, PriceTable.Estimate estimate, boolean priceListed,
                             Map<String, List<ImageInput>> sharedWith) {
    public UnderstandPlan {
        toSend = List.copyOf(toSend);
        sharedWith = Map.copyOf(sharedWith);
    }

    /** Images that get a representative's result instead of a request of their own. */
    public int shared() {
        return sharedWith.values().stream().mapToInt(List::size).sum();
    }
}
