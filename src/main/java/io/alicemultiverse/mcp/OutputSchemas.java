package io.alicemultiverse.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's {@code outputSchema} (MCP 2025-06-18), generated from the record its answer is serialised from, so the
 * schema a client sees and the JSON it gets cannot drift apart (the SDK validates every structured result against
 * it). Draft 2020-12, names and inclusion as Jackson writes them; every property may be null unless the record
 * leaves nulls out. Stateless.
 */
final class OutputSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(
            new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                            JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                    .with(Option.NULLABLE_FIELDS_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                            Option.INLINE_ALL_SCHEMAS)
                    .without(Option.SCHEMA_VERSION_INDICATOR)
                    .build());

    private OutputSchemas() {
    }

    /**
     * The schema of {@code types}' JSON: one record's schema, or, for a tool that answers in one of several shapes
     * (a dry run's plan or a run's summary), an object that is any one of them.
     */
    static Map<String, Object> of(List<Class<?>> types) {
        if (types.size() == 1) {
            return map(GENERATOR.generateSchema(types.get(0)));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("anyOf", types.stream().map(t -> map(GENERATOR.generateSchema(t))).toList());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectNode schema) {
        return JSON.convertValue(schema, LinkedHashMap.class);
    }
}
