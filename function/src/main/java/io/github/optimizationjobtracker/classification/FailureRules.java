package io.github.optimizationjobtracker.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The failure classification rules, read from {@value #RESOURCE}: for each category a hint and a documentation
 * page, then rules (patterns tried in order, first match wins) and the next larger instance types. The file is
 * meant to be edited by users; every mistake in it is reported at start-up, with its line, all at once.
 */
public final class FailureRules {
    public static final String RESOURCE = "failure-rules.txt";
    static final int MAX_HINT_CHARS = 400;
    private static final Set<String> BUILT_IN_PLACEHOLDERS = Set.of("instanceType", "largerInstanceType");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>");

    record Advice(String hint, String docsUrl) {
    }

    record Rule(String name, FailureCategory category, List<RulePattern> patterns, String hint, String docsUrl) {
    }

    /** A rule's pattern and the literals a text must hold for it to match (null: it always runs). */
    record RulePattern(Pattern pattern, RequiredLiterals literals) {
        static RulePattern compile(String regex) {
            // ASCII-only case folding (no UNICODE_CASE): RequiredLiterals compares the same way
            return new RulePattern(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), RequiredLiterals.of(regex));
        }
    }

    private final List<Rule> rules;
    private final Map<FailureCategory, Advice> advice;
    private final Map<String, String> larger;

    private FailureRules(List<Rule> rules, Map<FailureCategory, Advice> advice, Map<String, String> larger) {
        this.rules = List.copyOf(rules);
        this.advice = advice;
        this.larger = Map.copyOf(larger);
    }

    /** The rules shipped in the function's jar; an {@link IllegalArgumentException} lists every mistake. */
    public static FailureRules load() {
        try (InputStream in = FailureRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalArgumentException(RESOURCE + " is missing from the function's jar");
            }
            return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Parses and validates a rules file; {@code source} names it in error messages. */
    public static FailureRules parse(String source, String text) {
        return new Parser(source).parse(text);
    }

    /** The classification of a failure reason (or a rejected call's "code: message") on an instance type. */
    public FailureClassification classify(String reason, String instanceType) {
        if (reason != null && !reason.isBlank()) {
            String lowerCaseReason = RequiredLiterals.asciiLowerCase(reason);
            for (Rule rule : rules) {
                for (RulePattern pattern : rule.patterns()) {
                    if (pattern.literals() != null && !pattern.literals().mayMatch(lowerCaseReason)) {
                        continue;
                    }
                    Matcher matcher = pattern.pattern().matcher(reason);
                    if (matcher.find()) {
                        Advice general = advice.get(rule.category());
                        String hint = fill(rule.hint() != null ? rule.hint() : general.hint(), matcher, instanceType);
                        return new FailureClassification(rule.category(), hint,
                                rule.docsUrl() != null ? rule.docsUrl() : general.docsUrl(), rule.name());
                    }
                }
            }
        }
        Advice unknown = advice.get(FailureCategory.UNKNOWN);
        return new FailureClassification(FailureCategory.UNKNOWN, fill(unknown.hint(), null, instanceType),
                unknown.docsUrl(), null);
    }

    int ruleCount() {
        return rules.size();
    }

    private String fill(String hint, Matcher matcher, String instanceType) {
        Matcher placeholder = PLACEHOLDER.matcher(hint);
        StringBuilder filled = new StringBuilder(hint.length() + 32);
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = switch (name) {
                case "instanceType" -> instanceType != null ? instanceType : "the instance type";
                case "largerInstanceType" -> instanceType != null && larger.containsKey(instanceType)
                        ? larger.get(instanceType) : "a larger instance type";
                default -> group(matcher, name);
            };
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }

    private static String group(Matcher matcher, String name) {
        try {
            String value = matcher == null ? null : matcher.group(name);
            return value != null ? value : "?";
        } catch (IllegalArgumentException noSuchGroup) {
            return "?";
        }
    }

    /** Reads the file line by line, collecting every problem before giving up. */
    private static final class Parser {
        private final String source;
        private final List<String> problems = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final Map<FailureCategory, Advice> advice = new EnumMap<>(FailureCategory.class);
        private final Map<String, String> larger = new LinkedHashMap<>();
        private final Set<String> ruleNames = new HashSet<>();

        /** The block being read: a category's advice or a rule. */
        private String blockKind;
        private String blockName;
        private int blockLine;
        private final Map<String, String> single = new LinkedHashMap<>();
        private final List<RulePattern> patterns = new ArrayList<>();
        private final List<Set<String>> patternGroups = new ArrayList<>();

        Parser(String source) {
            this.source = source;
        }

        FailureRules parse(String text) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(i + 1, lines[i]);
            }
            endBlock();
            for (FailureCategory category : FailureCategory.values()) {
                if (!advice.containsKey(category)) {
                    problems.add(source + ": category " + category + " has no hint and docs (every category needs"
                            + " a 'category " + category + "' block)");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the failure classification rules are invalid:\n  "
                        + String.join("\n  ", problems));
            }
            return new FailureRules(rules, advice, larger);
        }

        private void line(int number, String raw) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            if (!Character.isWhitespace(raw.charAt(0))) {
                endBlock();
                topLevel(number, line);
                return;
            }
            int colon = line.indexOf(':');
            if (blockKind == null || colon < 0) {
                problem(number, blockKind == null ? "an indented line outside any 'category' or 'rule' block"
                        : "expected 'key: value', got '" + shorten(line) + "'");
                return;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            Set<String> keys = blockKind.equals("rule") ? Set.of("category", "match", "hint", "docs")
                    : Set.of("hint", "docs");
            if (!keys.contains(key)) {
                problem(number, "unknown key '" + key + "' in " + blockKind + " " + blockName + " (expected "
                        + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            } else if (value.isEmpty()) {
                problem(number, "'" + key + "' has no value");
            } else if (key.equals("match")) {
                try {
                    patterns.add(RulePattern.compile(value));
                    Set<String> groups = new HashSet<>();
                    NAMED_GROUP.matcher(value).results().forEach(g -> groups.add(g.group(1)));
                    patternGroups.add(groups);
                } catch (PatternSyntaxException e) {
                    problem(number, "the pattern does not compile: " + e.getDescription() + " near index "
                            + e.getIndex());
                }
            } else if (single.putIfAbsent(key, value) != null) {
                problem(number, "'" + key + "' given twice in " + blockKind + " " + blockName);
            } else if (key.equals("docs") && !value.startsWith("https://")) {
                problem(number, "docs must be an https:// link, got '" + shorten(value) + "'");
            } else if (key.equals("hint") && value.length() > MAX_HINT_CHARS) {
                problem(number, "the hint is " + value.length() + " characters; at most " + MAX_HINT_CHARS
                        + " fit an alert's first line");
            } else if (key.equals("category")) {
                category(number, value);
            }
        }

        private void topLevel(int number, String line) {
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1].strip() : "";
            switch (words[0]) {
                case "category" -> {
                    FailureCategory category = category(number, rest);
                    if (category != null && advice.containsKey(category)) {
                        problem(number, "category " + category + " is described twice");
                    }
                    begin("category", rest, number);
                }
                case "rule" -> {
                    if (!rest.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                        problem(number, "a rule needs a name of letters, digits, '-' and '_', got '"
                                + shorten(rest) + "'");
                    } else if (!ruleNames.add(rest)) {
                        problem(number, "rule " + rest + " is defined twice");
                    }
                    begin("rule", rest, number);
                }
                case "larger" -> {
                    int colon = rest.indexOf(':');
                    String type = colon < 0 ? rest : rest.substring(0, colon).strip();
                    String suggestion = colon < 0 ? "" : rest.substring(colon + 1).strip();
                    if (!INSTANCE_TYPE.matcher(type).matches() || suggestion.isEmpty()) {
                        problem(number, "expected 'larger ml.<family>.<size>: <what to use instead>', got '"
                                + shorten(line) + "'");
                    } else if (larger.putIfAbsent(type, suggestion) != null) {
                        problem(number, "larger " + type + " is given twice");
                    }
                }
                default -> problem(number, "expected 'category', 'rule' or 'larger' at the start of a line, got '"
                        + shorten(words[0]) + "'");
            }
        }

        private FailureCategory category(int number, String name) {
            try {
                return FailureCategory.valueOf(name);
            } catch (IllegalArgumentException e) {
                problem(number, "unknown category '" + shorten(name) + "' (one of "
                        + java.util.Arrays.toString(FailureCategory.values()) + ")");
                return null;
            }
        }

        private void begin(String kind, String name, int number) {
            blockKind = kind;
            blockName = name;
            blockLine = number;
        }

        private void endBlock() {
            if (blockKind == null) {
                return;
            }
            String hint = single.get("hint");
            if (blockKind.equals("category")) {
                FailureCategory category = parseQuietly(blockName);
                if (hint == null || single.get("docs") == null) {
                    problem(blockLine, "category " + blockName + " needs both a hint and docs");
                } else if (category != null) {
                    checkPlaceholders(blockLine, hint, Set.of());
                    advice.putIfAbsent(category, new Advice(hint, single.get("docs")));
                }
            } else {
                FailureCategory category = single.get("category") == null ? null : parseQuietly(single.get("category"));
                if (single.get("category") == null) {
                    problem(blockLine, "rule " + blockName + " has no category");
                }
                if (patterns.isEmpty() && problems.stream().noneMatch(p -> p.contains("does not compile"))) {
                    problem(blockLine, "rule " + blockName + " has no 'match' pattern");
                }
                if (hint != null) {
                    Set<String> everywhere = patternGroups.isEmpty() ? Set.of() : new HashSet<>(patternGroups.get(0));
                    patternGroups.forEach(everywhere::retainAll);
                    checkPlaceholders(blockLine, hint, everywhere);
                }
                if (category != null && !patterns.isEmpty()) {
                    rules.add(new Rule(blockName, category, List.copyOf(patterns), hint, single.get("docs")));
                }
            }
            blockKind = null;
            single.clear();
            patterns.clear();
            patternGroups.clear();
        }

        private void checkPlaceholders(int number, String hint, Set<String> groups) {
            PLACEHOLDER.matcher(hint).results().map(m -> m.group(1))
                    .filter(name -> !BUILT_IN_PLACEHOLDERS.contains(name) && !groups.contains(name))
                    .forEach(name -> problem(number, blockKind + " " + blockName + ": the hint uses {" + name
                            + "}, which is neither " + BUILT_IN_PLACEHOLDERS + " nor a named group (?<" + name
                            + ">...) of every match pattern"));
        }

        private static FailureCategory parseQuietly(String name) {
            try {
                return FailureCategory.valueOf(name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private void problem(int line, String what) {
            problems.add(source + " line " + line + ": " + what);
        }

        private static String shorten(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }

    /** For logs: how many rules of each category there are. */
    @Override
    public String toString() {
        Map<FailureCategory, Integer> counts = new EnumMap<>(FailureCategory.class);
        rules.forEach(rule -> counts.merge(rule.category(), 1, Integer::sum));
        return rules.size() + " failure rules " + counts.toString().toLowerCase(Locale.ROOT);
    }
}
