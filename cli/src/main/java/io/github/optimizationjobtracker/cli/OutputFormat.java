package io.github.optimizationjobtracker.cli;

import java.io.PrintWriter;

/** The formats of list, stats and history: a table for people, JSON and CSV for programs. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    public void render(Tabular tabular, TimeStyle times, PrintWriter out) {
        CellText text = new CellText(times);
        switch (this) {
            case TABLE -> new TableRenderer(text).render(tabular, out);
            case JSON -> new JsonOutput(times).render(tabular, out);
            case CSV -> new CsvRenderer(text).render(tabular, out);
        }
        out.flush();
    }
}
