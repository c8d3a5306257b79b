package org.rosebench.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Markdown, HTML and CSV renderings of {@link TextTable}s. */
public final class TableRenderers {

    private TableRenderers() {}

    /** "### title", a GitHub pipe table, then the notes as one paragraph. */
    public static String markdown(TextTable t) {
        StringBuilder sb = new StringBuilder("### ").append(t.title()).append("\n\n");
        sb.append(mdRow(t.header()));
        StringBuilder rule = new StringBuilder("|");
        for (boolean numeric : t.numeric()) {
            rule.append(numeric ? "---:|" : "---|");
        }
        sb.append(rule).append('\n');
        for (List<String> row : t.rows()) {
            sb.append(mdRow(row));
        }
        if (!t.notes().isEmpty()) {
            sb.append('\n').append(String.join("\n", t.notes())).append('\n');
        }
        return sb.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return sb.append('\n').toString();
    }

    /** All tables as one Markdown document. */
    public static String markdown(List<TextTable> tables) {
        StringBuilder sb = new StringBuilder();
        for (TextTable t : tables) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(markdown(t));
        }
        return sb.toString();
    }

    /** The style sheet of {@link #html(String, List)}; {@link HtmlReport} extends it. */
    static final String CSS = "body{font-family:sans-serif}table{border-collapse:collapse;margin:0.5em 0}"
            + "th,td{border:1px solid #bbb;padding:3px 8px}td.n,th.n{text-align:right}"
            + "p.note{color:#444;font-size:90%;max-width:60em}";

    /** A standalone HTML page with every table. */
    public static String html(String pageTitle, List<TextTable> tables) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(pageTitle))
                .append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n<h1>")
                .append(esc(pageTitle)).append("</h1>\n");
        for (TextTable t : tables) {
            sb.append(html(t, "h2"));
        }
        return sb.append("</body></html>\n").toString();
    }

    /** One table: its title as a {@code heading} element with the table's name as id, the table, its notes. */
    static String html(TextTable t, String heading) {
        StringBuilder sb = new StringBuilder();
        sb.append('<').append(heading).append(" id=\"").append(esc(t.name())).append("\">").append(esc(t.title()))
                .append("</").append(heading).append(">\n<table>\n<tr>");
        for (int i = 0; i < t.header().size(); i++) {
            sb.append(t.numeric().get(i) ? "<th class=\"n\">" : "<th>").append(esc(t.header().get(i))).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                sb.append(t.numeric().get(i) ? "<td class=\"n\">" : "<td>").append(esc(row.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        for (String note : t.notes()) {
            sb.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        return sb.toString();
    }

    /** Header and rows as CSV (the notes are left to the Markdown/HTML). */
    public static String csv(TextTable t) {
        StringWriter w = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(t.header().toArray(String[]::new))
                .setRecordSeparator("\n").get();
        try (CSVPrinter p = new CSVPrinter(w, format)) {
            for (List<String> row : t.rows()) {
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
