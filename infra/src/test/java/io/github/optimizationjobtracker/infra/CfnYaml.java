package io.github.optimizationjobtracker.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template with its short-form intrinsic tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, {@code !If}, ...) turned into their long JSON form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt":
 * [..]}}, ...), which is also how a synthesized CDK template writes them, so the two can be compared value by value.
 * An unknown tag is an error, never silently dropped.
 */
final class CfnYaml {
    /** Short-form tags and the long-form key each stands for. */
    static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Transform", "Fn::Transform"));

    private CfnYaml() {
    }

    static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Reader reader) {
        LoadSettings settings = LoadSettings.builder().setLabel("CloudFormation template").build();
        return (Map<String, Object>) new Load(settings, new CfnConstructor(settings)).loadFromReader(reader);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel("CloudFormation template").build();
        return (Map<String, Object>) new Load(settings, new CfnConstructor(settings)).loadFromString(yaml);
    }

    private static final class CfnConstructor extends StandardConstructor {
        CfnConstructor(LoadSettings settings) {
            super(settings);
            TAGS.forEach((tag, key) -> tagConstructors.put(new Tag(tag), node -> intrinsic(key, node)));
        }

        private Map<String, Object> intrinsic(String key, Node node) {
            Object argument;
            if (node instanceof ScalarNode scalar) {
                String value = constructScalar(scalar);
                // !GetAtt Resource.Attribute is the short form of {"Fn::GetAtt": ["Resource", "Attribute"]}
                argument = key.equals("Fn::GetAtt") ? List.of(value.split("\\.", 2)) : value;
            } else if (node instanceof SequenceNode sequence) {
                argument = constructSequence(sequence);
            } else {
                argument = constructMapping((MappingNode) node);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put(key, argument);
            return result;
        }
    }
}
