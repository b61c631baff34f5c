/**
 * One parser per image generator or service, each turning raw metadata into a generation; the
 * {@link io.alicemultiverse.metadata.generators.GeneratorRegistry} tries them in a documented order.
 */
package io.alicemultiverse.metadata.generators;
