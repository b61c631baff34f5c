package io.alicemultiverse.catalog;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog URL as users see it: no part of a password in any message, and hosts written once. */
class CatalogUrlTest {
    @Test
    void aMalformedUrlShowsNoPartOfAPasswordHoldingAnAt() {
        assertThatThrownBy(() -> CatalogUrl.parse("postgresql://alice:p@ss/w0rd@db.local:5432/studio", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("ss").doesNotContain("w0rd").contains("alice:***@db.local");
    }

    @Test
    void aMalformedUrlKeepsItsOptionsReadable() {
        assertThat(CatalogUrl.redact("postgresql://alice:s3cret@db:x/studio?sslmode=require"))
                .isEqualTo("postgresql://alice:***@db:x/studio?sslmode=require");
        assertThat(CatalogUrl.redact("postgresql://alice@db/studio")).isEqualTo("postgresql://alice@db/studio");
    }

    @Test
    void anIpv6HostIsBracketedOnce() {
        CatalogUrl u = CatalogUrl.parse("postgresql://alice:s3cret@[::1]:5433/studio", Map.of());
        assertThat(u.toString()).isEqualTo("postgresql://alice@[::1]:5433/studio");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/studio");
    }
}
