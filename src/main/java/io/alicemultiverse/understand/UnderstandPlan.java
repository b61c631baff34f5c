package io.alicemultiverse.understand;

import java.util.List;

/**
 * What a run would do, before anything is sent: which images still need a result and what that is expected to
 * cost. Immutable.
 */
public record UnderstandPlan(String provider, String model, boolean paid, int selected, int cached,
                             List<ImageInput> toSend, PriceTable.Estimate estimate, boolean priceListed) {
    public UnderstandPlan {
        toSend = List.copyOf(toSend);
    }
}
