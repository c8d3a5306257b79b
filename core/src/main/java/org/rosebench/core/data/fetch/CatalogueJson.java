package org.rosebench.core.data.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rosebench.core.data.DataException;

/**
 * Parses the catalogue format: {@code {"datasets": [{name, url, size, sha256, verify, note?, members: [{entry,
 * target, size, sha256}]}]}}, other top-level keys being free-text documentation. Field checks live in the record
 * constructors; this class adds where in the file a problem is.
 */
final class CatalogueJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CatalogueJson() {
    }

    static List<DataSource> parse(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new DataException(origin + ": malformed catalogue JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode datasets = root == null ? null : root.get("datasets");
        if (datasets == null || !datasets.isArray()) {
            throw new DataException(origin + ": expected an object with a 'datasets' array");
        }
        List<DataSource> sources = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            String where = origin + ": datasets[" + i + "]";
            try {
                sources.add(source(datasets.get(i)));
            } catch (IllegalArgumentException e) {
                throw new DataException(where + ": " + e.getMessage(), e);
            }
        }
        return sources;
    }

    private static DataSource source(JsonNode n) {
        List<ArchiveMember> members = new ArrayList<>();
        JsonNode ms = n.get("members");
        if (ms == null || !ms.isArray()) {
            throw new IllegalArgumentException("'members' must be an array");
        }
        for (JsonNode m : ms) {
            members.add(new ArchiveMember(text(m, "entry"), text(m, "target"), optionalLong(m, "size"),
                    text(m, "sha256")));
        }
        String verify = text(n, "verify");
        if (verify == null) {
            throw new IllegalArgumentException("'verify' must be 'archive' or 'member'");
        }
        Long size = optionalLong(n, "size");
        return new DataSource(text(n, "name"), uri(text(n, "url")), size == null ? 0 : size, text(n, "sha256"),
                verification(verify), text(n, "note"), members);
    }

    private static Verification verification(String s) {
        try {
            return Verification.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'verify' must be 'archive' or 'member', got '" + s + "'");
        }
    }

    private static URI uri(String s) {
        if (s == null) {
            throw new IllegalArgumentException("'url' is missing");
        }
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a URL: " + e.getMessage());
        }
    }

    /** A string field, null when absent or JSON null. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Long optionalLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer");
        }
        return v.asLong();
    }
}
