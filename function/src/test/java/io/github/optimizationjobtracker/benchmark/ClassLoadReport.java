package io.github.optimizationjobtracker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code -Xlog:class+load} output of a probe JVM and compares the project's classes with the floor's, up to
 * the marker class each probe loads once the first event is done.
 */
final class ClassLoadReport {
    private static final Pattern LINE = Pattern.compile("^\\[([0-9.]+)s\\].*?\\[class,load\\s*\\] (\\S+) source: (.*)$");
    private static final Pattern HIDDEN = Pattern.compile("/0x[0-9a-f]+$");

    /** One class as the log shows it. {@code name} has hidden-class addresses removed, so runs compare. */
    record Loaded(String name, String source, double uptimeSeconds) {
        boolean fromJdk() {
            return source.startsWith("shared objects file") || source.startsWith("jrt:/")
                    || source.startsWith("__JVM_") || source.startsWith("java.lang.invoke.LambdaForm");
        }
    }

    /** The classes loaded by one probe JVM up to the end of its first event, split at the init marker. */
    record Run(List<Loaded> init, List<Loaded> firstEvent, double initDoneSeconds, double eventDoneSeconds) {
        List<Loaded> all() {
            List<Loaded> all = new ArrayList<>(init);
            all.addAll(firstEvent);
            return all;
        }
    }

    private ClassLoadReport() {
    }

    static Run parse(Path log) throws IOException {
        List<Loaded> init = new ArrayList<>();
        List<Loaded> event = new ArrayList<>();
        double initDone = -1;
        double eventDone = -1;
        List<Loaded> target = init;
        for (String line : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = HIDDEN.matcher(m.group(2)).replaceAll("");
            double at = Double.parseDouble(m.group(1));
            if (name.endsWith("ProbeSupport$InitDoneMarker")) {
                initDone = at;
                target = event;
                continue;
            }
            if (name.endsWith("ProbeSupport$FirstEventDoneMarker")) {
                eventDone = at;
                break;
            }
            target.add(new Loaded(name, m.group(3), at));
        }
        if (eventDone < 0) {
            throw new IllegalStateException("no first-event marker in " + log);
        }
        return new Run(init, event, initDone, eventDone);
    }

    /** The library a class belongs to, for summaries a person can act on. */
    static String library(String className) {
        String[][] known = {
            {"com.amazonaws.lambda.thirdparty.", "aws-lambda-java-serialization (its shaded Jackson, joda, ...)"},
            {"com.amazonaws.services.lambda.runtime.serialization.", "aws-lambda-java-serialization"},
            {"com.amazonaws.services.lambda.runtime.events.", "aws-lambda-java-events"},
            {"com.amazonaws.services.lambda.runtime.", "aws-lambda-java-core"},
            {"com.fasterxml.jackson.", "Jackson (com.fasterxml)"},
            {"org.apache.logging.log4j.", "Log4j 2"},
            {"software.amazon.lambda.powertools.", "Powertools"},
            {"org.slf4j.", "SLF4J"},
            {"org.joda.", "joda-time"},
            {"org.crac.", "org.crac"},
            {"org.apache.commons.", "Apache Commons (under Powertools)"},
            {"io.burt.jmespath.", "jmespath (under Powertools)"},
            {"software.amazon.awssdk.thirdparty.", "AWS SDK (shaded Jackson core)"},
            {"software.amazon.awssdk.services.dynamodb.", "AWS SDK: DynamoDB"},
            {"software.amazon.awssdk.services.sagemaker.", "AWS SDK: SageMaker"},
            {"software.amazon.awssdk.services.sns.", "AWS SDK: SNS"},
            {"software.amazon.awssdk.services.eventbridge.", "AWS SDK: EventBridge"},
            {"software.amazon.awssdk.", "AWS SDK: core"},
            {"io.github.optimizationjobtracker.benchmark.", "benchmark probe"},
            {"io.github.optimizationjobtracker.", "project code"},
            {"java.", "JDK"}, {"javax.", "JDK"}, {"jdk.", "JDK"}, {"sun.", "JDK"}, {"com.sun.", "JDK"},
        };
        for (String[] entry : known) {
            if (className.startsWith(entry[0])) {
                return entry[1];
            }
        }
        String[] parts = className.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : className;
    }

    /** The package of a class, cut to {@code depth} segments (more for shaded packages, which nest deeper). */
    static String pkg(String className) {
        int lastDot = className.lastIndexOf('.');
        String pkg = lastDot < 0 ? "" : className.substring(0, lastDot);
        int depth = pkg.startsWith("com.amazonaws.lambda.thirdparty.") ? 7
                : pkg.startsWith("software.amazon.awssdk.services.") ? 6 : 5;
        String[] parts = pkg.split("\\.");
        if (parts.length <= depth) {
            return pkg;
        }
        return String.join(".", java.util.Arrays.copyOf(parts, depth));
    }

    /** Classes (with multiplicity, by name) the first run loaded and the second did not. */
    static List<Loaded> only(List<Loaded> in, List<Loaded> notIn) {
        Map<String, Integer> budget = new java.util.HashMap<>();
        notIn.forEach(c -> budget.merge(c.name(), 1, Integer::sum));
        List<Loaded> only = new ArrayList<>();
        for (Loaded c : in) {
            Integer left = budget.get(c.name());
            if (left != null && left > 0) {
                budget.put(c.name(), left - 1);
            } else {
                only.add(c);
            }
        }
        return only;
    }

    static Map<String, Integer> countBy(List<Loaded> classes, java.util.function.Function<Loaded, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        classes.forEach(c -> counts.merge(key.apply(c), 1, Integer::sum));
        return counts;
    }

    static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
    }

    /** The Markdown section comparing the two runs. */
    static String markdown(Run project, Run floor) {
        StringBuilder md = new StringBuilder();
        List<Loaded> p = project.all();
        List<Loaded> f = floor.all();
        md.append("Exact counts from `-Xlog:class+load` (one extra, untimed run of each probe), up to the marker class ")
                .append("the probe loads right after the first event; \"init\" = up to the handler constructor's end.\n\n");
        md.append("| | project | floor | project - floor |\n|---|---:|---:|---:|\n");
        row(md, "classes loaded by end of init", project.init().size(), floor.init().size());
        row(md, "classes loaded during the first event", project.firstEvent().size(), floor.firstEvent().size());
        row(md, "classes loaded by end of first event", p.size(), f.size());
        row(md, "... of which JDK (CDS archive / jrt)", (int) p.stream().filter(Loaded::fromJdk).count(),
                (int) f.stream().filter(Loaded::fromJdk).count());
        row(md, "... of which from function.jar", (int) p.stream().filter(c -> !c.fromJdk()).count(),
                (int) f.stream().filter(c -> !c.fromJdk()).count());
        md.append(String.format(Locale.ROOT, "| JVM uptime at end of init / first event (with logging on) | %.0f / %.0f ms | %.0f / %.0f ms | |%n",
                project.initDoneSeconds() * 1000, project.eventDoneSeconds() * 1000,
                floor.initDoneSeconds() * 1000, floor.eventDoneSeconds() * 1000));

        List<Loaded> projectOnly = only(p, f);
        List<Loaded> floorOnly = only(f, p);
        md.append("\n**Loaded by the project but not by the floor: ").append(projectOnly.size())
                .append(" classes** (floor-only: ").append(floorOnly.size()).append("). By library:\n\n");
        Map<String, Integer> byLibrary = countBy(projectOnly, c -> library(c.name()));
        Map<String, Integer> initByLibrary = countBy(only(project.init(), floor.init()), c -> library(c.name()));
        md.append("| library | project-only classes | loaded during init | first loaded at (uptime) |\n|---|---:|---:|---:|\n");
        Map<String, Double> firstSeen = new LinkedHashMap<>();
        projectOnly.forEach(c -> firstSeen.putIfAbsent(library(c.name()), c.uptimeSeconds()));
        for (Map.Entry<String, Integer> e : top(byLibrary, 40)) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ")
                    .append(Math.min(e.getValue(), initByLibrary.getOrDefault(e.getKey(), 0))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f ms", firstSeen.get(e.getKey()) * 1000)).append(" |\n");
        }
        md.append("\nTop packages among the project-only classes:\n\n| package | classes |\n|---|---:|\n");
        for (Map.Entry<String, Integer> e : top(countBy(projectOnly, c -> pkg(c.name())), 30)) {
            md.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" |\n");
        }
        md.append("\nFloor-only classes by library (what the floor needs that the project does not load):\n\n")
                .append("| library | floor-only classes |\n|---|---:|\n");
        for (Map.Entry<String, Integer> e : top(countBy(floorOnly, c -> library(c.name())), 12)) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String label, int project, int floor) {
        md.append("| ").append(label).append(" | ").append(project).append(" | ").append(floor).append(" | ")
                .append(project - floor).append(" |\n");
    }

    /** Plain lists for whoever wants to dig further. */
    static void writeLists(Path folder, Run project, Run floor) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("classes-project.txt"), project.all().stream().map(c -> c.name() + "  " + c.source()).toList());
        Files.write(folder.resolve("classes-floor.txt"), floor.all().stream().map(c -> c.name() + "  " + c.source()).toList());
        Files.write(folder.resolve("classes-project-only.txt"),
                only(project.all(), floor.all()).stream().map(c -> String.format(Locale.ROOT, "%8.1f ms  %s  [%s]",
                        c.uptimeSeconds() * 1000, c.name(), library(c.name()))).toList());
    }
}
