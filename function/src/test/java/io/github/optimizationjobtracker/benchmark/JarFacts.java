package io.github.optimizationjobtracker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What the shaded jar holds. */
record JarFacts(long bytes, int entries, int classes, List<Map.Entry<String, long[]>> biggest) {
    /** Size, entries and classes of the jar, and the libraries that take the most of it. */
    static JarFacts of(Path jar) throws IOException {
        Map<String, long[]> byLibrary = new HashMap<>();
        int entries = 0;
        int classes = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                String name = entry.getName();
                String group;
                if (name.endsWith(".class")) {
                    classes++;
                    String className = name.replaceFirst("^META-INF/versions/\\d+/", "")
                            .replace('/', '.').replaceFirst("\\.class$", "");
                    group = ClassLoadReport.library(className);
                    if (group.startsWith("JDK") || group.equals(className)) {
                        group = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : className;
                    }
                } else {
                    group = "(resources) " + (name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
                }
                long[] sizes = byLibrary.computeIfAbsent(group, g -> new long[3]);
                sizes[0] += Math.max(0, entry.getCompressedSize());
                sizes[1] += Math.max(0, entry.getSize());
                sizes[2]++;
            }
        }
        List<Map.Entry<String, long[]>> biggest = byLibrary.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(15).toList();
        return new JarFacts(Files.size(jar), entries, classes, biggest);
    }
}
