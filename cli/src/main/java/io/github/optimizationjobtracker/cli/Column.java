package io.github.optimizationjobtracker.cli;

/**
 * One column of a command's output: its table header, its JSON and CSV name, and the kind of value it holds, which
 * decides how each format writes it (a duration is "1h 25m" in a table and seconds in JSON and CSV).
 *
 * @param inTable  whether the table shows it (JSON and CSV always have every column; a table must fit 100 columns)
 * @param shrink   whether, and how readily, the table may cut its cells (with …) to fit
 */
public record Column(String header, String key, Kind kind, boolean inTable, Shrink shrink) {

    /** Which cells a table cuts to fit: the ones that matter least, first. */
    public enum Shrink {
        /** never cut: times, statuses, numbers */ NEVER,
        /** cut first: details */ FIRST,
        /** cut only when nothing else can give: what a user copies into the next command (a job's name) */ LAST
    }

    /** What a column's values are. Values of every kind may be null (shown empty). */
    public enum Kind {
        /** a String */ TEXT,
        /** an Integer or Long */ NUMBER,
        /** an Instant */ TIME,
        /** a Duration: seconds in JSON and CSV */ DURATION,
        /** a Double from 0 to 1: a percentage in a table */ RATIO,
        /** a List of Strings */ LIST,
        /** a Boolean */ FLAG
    }

    public static Column of(String header, String key, Kind kind) {
        return new Column(header, key, kind, true, Shrink.NEVER);
    }

    public Column shrinking() {
        return new Column(header, key, kind, inTable, Shrink.FIRST);
    }

    public Column shrinkingLast() {
        return new Column(header, key, kind, inTable, Shrink.LAST);
    }

    public Column notInTable() {
        return new Column(header, key, kind, false, shrink);
    }

    boolean alignsRight() {
        return kind == Kind.NUMBER || kind == Kind.DURATION || kind == Kind.RATIO;
    }
}
