package io.github.optimizationjobtracker.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns that fit a terminal of {@link #WIDTH} columns. A column with nothing in any row is left out. When
 * the natural widths do not fit, the widest column that may be cut first gives up one character at a time (never
 * below its header), then the widest of those cut last; cut cells end in "…".
 */
final class TableRenderer {
    static final int WIDTH = 100;
    private static final String GAP = "  ";
    private static final int NARROWEST = 8;

    private final CellText text;

    TableRenderer(CellText text) {
        this.text = text;
    }

    void render(Tabular tabular, PrintWriter out) {
        if (tabular.rows().isEmpty()) {
            out.println(tabular.emptyMessage());
            return;
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < tabular.columns().size(); i++) {
            int column = i;
            boolean anything = tabular.rows().stream().anyMatch(row -> row.cells().get(column) != null
                    && !text.brief(tabular.columns().get(column), row.cells().get(column)).isEmpty());
            if (tabular.columns().get(i).inTable() && anything) {
                shown.add(i);
            }
        }
        List<Column> columns = shown.stream().map(tabular.columns()::get).toList();
        List<List<String>> cells = new ArrayList<>();
        for (Tabular.Row row : tabular.rows()) {
            cells.add(shown.stream().map(i -> text.brief(tabular.columns().get(i), row.cells().get(i))).toList());
        }
        int[] widths = fit(columns, cells);
        out.println(line(columns.stream().map(Column::header).toList(), columns, widths));
        for (int r = 0; r < cells.size(); r++) {
            String heading = tabular.rows().get(r).heading();
            if (heading != null) {
                out.println(cut(heading, WIDTH));
            }
            out.println(line(cells.get(r), columns, widths));
        }
    }

    private static int[] fit(List<Column> columns, List<List<String>> cells) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).header().length();
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        while (total(widths) > WIDTH) {
            int widest = widest(columns, widths, Column.Shrink.FIRST);
            if (widest < 0) {
                widest = widest(columns, widths, Column.Shrink.LAST);
            }
            if (widest < 0) {
                break;
            }
            widths[widest]--;
        }
        return widths;
    }

    /** The widest column of that kind that can still give a character, or -1. */
    private static int widest(List<Column> columns, int[] widths, Column.Shrink kind) {
        int widest = -1;
        for (int c = 0; c < widths.length; c++) {
            boolean canShrink = columns.get(c).shrink() == kind
                    && widths[c] > Math.max(NARROWEST, columns.get(c).header().length());
            if (canShrink && (widest < 0 || widths[c] > widths[widest])) {
                widest = c;
            }
        }
        return widest;
    }

    private static int total(int[] widths) {
        int sum = GAP.length() * (widths.length - 1);
        for (int width : widths) {
            sum += width;
        }
        return sum;
    }

    private static String line(List<String> values, List<Column> columns, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            String value = cut(values.get(c), widths[c]);
            String padding = " ".repeat(widths[c] - value.length());
            line.append(c == 0 ? "" : GAP).append(columns.get(c).alignsRight() ? padding + value : value + padding);
        }
        return line.toString().stripTrailing();
    }

    static String cut(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "…";
    }
}
