package io.github.optimizationjobtracker.cli;

import java.util.Arrays;
import java.util.List;

/**
 * A command's result laid out as columns and rows, ready for any output format.
 *
 * @param emptyMessage what a table says when there are no rows (JSON prints an empty array, CSV its header)
 */
public record Tabular(List<Column> columns, List<Row> rows, String emptyMessage) {

    /**
     * One row; its cells in column order.
     *
     * @param heading a line a table prints above this row (where a new incarnation of a job begins), or null
     */
    public record Row(List<Object> cells, String heading) {
        public static Row of(Object... cells) {
            return new Row(Arrays.asList(cells), null);
        }

        public Row under(String title) {
            return new Row(cells, title);
        }
    }
}
