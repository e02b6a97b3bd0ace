package io.github.optimizationjobtracker.cli;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180 CSV: a header of the columns' keys, every column, fields quoted when they hold , " or a line break. */
final class CsvRenderer {
    private final CellText text;

    CsvRenderer(CellText text) {
        this.text = text;
    }

    void render(Tabular tabular, PrintWriter out) {
        List<Column> columns = tabular.columns();
        out.print(String.join(",", columns.stream().map(c -> field(c.key())).toList()) + "\n");
        for (Tabular.Row row : tabular.rows()) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                line.append(c == 0 ? "" : ",").append(field(text.exact(columns.get(c), row.cells().get(c))));
            }
            out.print(line.append('\n'));
        }
        out.flush();
    }

    static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
