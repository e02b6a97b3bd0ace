package io.github.optimizationjobtracker.classification;

import java.util.ArrayList;
import java.util.List;

/**
 * A quick test a text must pass before a rule's pattern can match it: each alternative of a pattern holds a run
 * of literal characters every one of its matches contains ({@code AccessDenied}, {@code LimitExceeded} in
 * {@code \b\w+LimitExceeded\b}, {@code Server Error} in {@code 50[0234] Server Error}), so a text holding
 * none of those runs, compared without ASCII case as the rules' patterns are, cannot match. Most reasons match none
 * of a rule's literals, and looking for a few strings costs far less than running a pattern from every position.
 *
 * <p>Only ever a necessary condition: a pattern whose literals cannot be read with certainty (an alternative
 * without a run of three, an escape that takes an argument such as {@code \x41} or {@code \p{L}}, quoting,
 * inline flags, lookaround) gets none and always runs.
 */
final class RequiredLiterals {
    /** Shorter literals are found almost everywhere; such a pattern always runs. */
    private static final int MIN_LENGTH = 3;
    /**
     * Escaped letters that take no argument, so the characters after them are the pattern's own ({@code \b{g}} is
     * read as {@code \b} and a repetition, which ends a run all the same).
     */
    private static final String PLAIN_ESCAPES = "bBwWsSdDhHvVRXAzZGtnrfae";

    private final List<String> lowerCaseLiterals;

    private RequiredLiterals(List<String> lowerCaseLiterals) {
        this.lowerCaseLiterals = lowerCaseLiterals;
    }

    /** For each alternative of {@code regex}, a literal all its matches contain; null when they cannot be read. */
    static RequiredLiterals of(String regex) {
        if (hasUnreadableConstruct(regex)) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String alternative : topLevelAlternatives(regex)) {
            String literal = longestRequiredRun(alternative);
            if (literal == null || literal.length() < MIN_LENGTH) {
                return null;
            }
            literals.add(asciiLowerCase(literal));
        }
        return new RequiredLiterals(List.copyOf(literals));
    }

    /** Whether the text (lower-cased by {@link #asciiLowerCase}) holds one of the literals. */
    boolean mayMatch(String lowerCaseText) {
        for (String literal : lowerCaseLiterals) {
            if (lowerCaseText.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    List<String> literals() {
        return lowerCaseLiterals;
    }

    /**
     * ASCII letters lower-cased, nothing else: what {@code CASE_INSENSITIVE} without {@code UNICODE_CASE} folds.
     * (The JDK's locale-aware lower-casing would also change other letters, and some of them change length.)
     */
    static String asciiLowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /**
     * Whether the pattern holds a construct the reading below does not follow: any {@code (?} other than a
     * non-capturing group {@code (?:} or a named group {@code (?<name>} (inline flags, lookaround), or an escaped
     * letter or digit other than the plain ones (a back-reference, {@code \x41}, {@code \p{L}}, {@code \Q}, ...).
     */
    private static boolean hasUnreadableConstruct(String regex) {
        for (int i = 0; i + 1 < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                char escaped = regex.charAt(++i);
                if (Character.isLetterOrDigit(escaped) && PLAIN_ESCAPES.indexOf(escaped) < 0) {
                    return true;
                }
            } else if (c == '(' && regex.charAt(i + 1) == '?') {
                char next = i + 2 < regex.length() ? regex.charAt(i + 2) : ' ';
                boolean namedGroup = next == '<' && i + 3 < regex.length()
                        && Character.isLetter(regex.charAt(i + 3));
                if (next != ':' && !namedGroup) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pattern split at each {@code |} outside groups and classes. */
    private static List<String> topLevelAlternatives(String regex) {
        List<String> alternatives = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = afterClass(regex, i) - 1;
            } else if (c == '(') {
                i = afterGroup(regex, i) - 1;
            } else if (c == '|') {
                alternatives.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(regex.substring(start));
        return alternatives;
    }

    /**
     * The longest run of characters every match of the alternative holds in a row: literal characters (letters,
     * digits, spaces, punctuation, escaped punctuation) that no quantifier makes optional, between the constructs
     * that end a run (a class, a group, a dot, an anchor, an escape such as {@code \w}, a repetition). Null when
     * the alternative cannot be read.
     */
    private static String longestRequiredRun(String alternative) {
        String longest = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < alternative.length()) {
            char c = alternative.charAt(i);
            int atomEnd = i + 1;
            boolean literal = false;
            char value = c;
            if (c == '\\') {
                if (i + 1 >= alternative.length()) {
                    return null;
                }
                value = alternative.charAt(i + 1);
                atomEnd = i + 2;
                literal = !Character.isLetterOrDigit(value) && !Character.isSurrogate(value);
            } else if (c == '[') {
                atomEnd = afterClass(alternative, i);
            } else if (c == '(') {
                atomEnd = afterGroup(alternative, i);
            } else if ("*+?{".indexOf(c) >= 0) {
                return null; // a quantifier with nothing before it: Java reads "{2}" as repeating nothing
            } else {
                // a character outside the BMP is two halves a quantifier takes together: never part of a run
                literal = ".^$)|".indexOf(c) < 0 && !Character.isSurrogate(c);
            }
            int next = atomEnd;
            boolean optional = false;
            boolean repeatable = false;
            if (next < alternative.length()) {
                char quantifier = alternative.charAt(next);
                if (quantifier == '?' || quantifier == '*') {
                    optional = true;
                    next++;
                } else if (quantifier == '+') {
                    repeatable = true;
                    next++;
                } else if (quantifier == '{') {
                    optional = alternative.startsWith("{0", next);
                    repeatable = true;
                    next = alternative.indexOf('}', next) + 1;
                    if (next == 0) {
                        return null;
                    }
                }
                if (next > atomEnd && next < alternative.length()
                        && (alternative.charAt(next) == '?' || alternative.charAt(next) == '+')) {
                    next++; // lazy or possessive
                }
            }
            if (literal && !optional) {
                run.append(value);
            }
            if (!literal || optional || repeatable) {
                longest = run.length() > longest.length() ? run.toString() : longest;
                run.setLength(0);
            }
            i = next;
        }
        return run.length() > longest.length() ? run.toString() : longest;
    }

    /** Where the class opening at {@code open} ends (Java's classes nest; a ']' first in a class is literal). */
    private static int afterClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = afterClass(regex, i);
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return regex.length();
    }

    /** Where the group opening at {@code open} ends. */
    private static int afterGroup(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = afterClass(regex, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return regex.length();
    }
}
