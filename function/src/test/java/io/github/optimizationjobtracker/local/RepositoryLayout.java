package io.github.optimizationjobtracker.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with package.json and events/), wherever Maven or an IDE runs us from. */
public final class RepositoryLayout {
    private final Path root;

    private RepositoryLayout(Path root) {
        this.root = root;
    }

    public static RepositoryLayout find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("package.json")) && Files.isDirectory(candidate.resolve("events"))) {
                return new RepositoryLayout(candidate);
            }
        }
        throw new IllegalStateException("cannot find the repository root (package.json and events/) above " + dir);
    }

    public Path root() {
        return root;
    }

    public Path events() {
        return root.resolve("events");
    }

    public Path describeFixtures() {
        return events().resolve("sagemaker").resolve("describe");
    }

    public Path listFixtures() {
        return events().resolve("sagemaker").resolve("list");
    }

    /** A Node tool's entry script; tells the user to run {@code npm ci} if the tools are not installed. */
    public Path nodeScript(String packageName, String script) {
        Path path = root.resolve("node_modules").resolve(packageName).resolve(script);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Node tool " + packageName + " is not installed (missing " + path
                    + "); run `npm ci` in " + root);
        }
        return path;
    }

    /** Resolves an event argument: a path as given, relative to the root, or a bare name in events/. */
    public Path event(String argument) {
        return findEvent(argument).orElseThrow(() -> new IllegalArgumentException("no event file '" + argument
                + "' (looked in " + events() + ")"));
    }

    /** A sample event by name (state-change-failed, invalid/unknown-status) or a path. */
    public java.util.Optional<Path> findEvent(String argument) {
        for (Path candidate : new Path[] {Path.of(argument), root.resolve(argument), events().resolve(argument),
                events().resolve(argument + ".json")}) {
            if (Files.isRegularFile(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** The sample events' names, as the local run accepts them, sorted; the SageMaker fixtures are not events. */
    public java.util.List<String> sampleEventNames() {
        try (java.util.stream.Stream<Path> files = Files.walk(events())) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> events().relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.startsWith("sagemaker/") && !name.equals("sam-env.json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
