package org.rosebench.attacks.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The first line of every attack JSONL file: the configuration that produced the results below it (recipe and
 * its description, parameters, thresholds, seed, query budget, victim checkpoint hash, resource identities) and its
 * provenance (code version, host, time). Two files may be merged or resumed into each other only when their
 * configurations are equal; provenance is informational.
 */
public record AttackFileHeader(ObjectNode configuration, ObjectNode provenance) {

    public static final String FORMAT = "rose-bench-attack/1";

    public ObjectNode toJson() {
        ObjectNode n = ResultFiles.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.set("configuration", configuration);
        n.set("provenance", provenance);
        return n;
    }

    /** Whether a JSONL line is a header (of any version) rather than a result. */
    static boolean isHeader(JsonNode line) {
        return line.isObject() && line.path("format").asText("").startsWith("rose-bench-attack/");
    }

    static AttackFileHeader of(JsonNode line) {
        JsonNode c = line.path("configuration");
        JsonNode p = line.path("provenance");
        return new AttackFileHeader(c.isObject() ? (ObjectNode) c : ResultFiles.mapper().createObjectNode(),
                p.isObject() ? (ObjectNode) p : ResultFiles.mapper().createObjectNode());
    }

    /**
     * Where this configuration differs from {@code other}'s, one {@code key: this ≠ other} entry per leaf. Both are
     * compared as written to a file and read back, so a number built as a long equals the same number read as an int.
     */
    public List<String> differences(AttackFileHeader other) {
        List<String> out = new ArrayList<>();
        diff("", asWritten(configuration), asWritten(other.configuration), out);
        return out;
    }

    private static JsonNode asWritten(JsonNode n) {
        try {
            return ResultFiles.mapper().readTree(ResultFiles.mapper().writeValueAsString(n));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.path(k), b.path(k), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + ": " + shorten(a) + " ≠ " + shorten(b));
        }
    }

    private static String shorten(JsonNode n) {
        String s = n.isMissingNode() ? "(absent)" : n.isTextual() ? n.asText() : n.toString();
        s = s.replace('\n', ' ');
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
