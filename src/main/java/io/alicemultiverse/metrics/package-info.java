/** Prometheus metrics for the long-running surfaces (Micrometer). */
package io.alicemultiverse.metrics;
