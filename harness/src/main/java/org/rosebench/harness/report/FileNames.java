package org.rosebench.harness.report;

/** File stems for tables and plots: model names may be paths, evaluations contain colons. */
final class FileNames {

    private FileNames() {}

    static String table(String model, String evaluation) {
        return safe(model) + "_" + safe(evaluation);
    }

    static String plot(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!sb.isEmpty()) {
                sb.append('_');
            }
            sb.append(safe(p));
        }
        return sb.append(".png").toString();
    }

    /** Letters, digits, dot and hyphen; anything else becomes a hyphen. */
    static String safe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^[-.]+|-+$", "");
        return out.isEmpty() ? "x" : out;
    }
}
