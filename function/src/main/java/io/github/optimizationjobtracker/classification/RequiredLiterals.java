package io.github.optimizationjobtracker.classification;

import java.util.ArrayList;
import java.util.List;

/**
 * A quick test a text must pass before a rule's pattern can match it: the pattern's alternatives each start with
 * a literal ({@code AccessDenied|not authorized to perform|(403) when calling}), so a text holding none of those
 * literals, compared without ASCII case as the rules' patterns are, cannot match. Most reasons match none of a
 * rule's literals, and looking for a few strings costs far less than running a pattern from every position.
 *
 * <p>Only ever a necessary condition: a pattern whose literals cannot be read with certainty (an alternative that
 * starts with a group or an escape such as {@code \w}; any character class, inline flag, lookaround or quoting) gets
 * none and always runs.
 */
final class RequiredLiterals {
    /** Shorter literals are found almost everywhere; such a pattern always runs. */
    private static final int MIN_LENGTH = 3;

    private final List<String> lowerCaseLiterals;

    private RequiredLiterals(List<String> lowerCaseLiterals) {
        this.lowerCaseLiterals = lowerCaseLiterals;
    }

    /** The literals one of which every match of {@code regex} starts with, or null when they cannot be read. */
    static RequiredLiterals of(String regex) {
        // Classes (which nest in Java) and quoting would make the split below guesswork: such a pattern always runs.
        if (regex.indexOf('[') >= 0 || regex.contains("\\Q") || hasInlineFlagsOrLookaround(regex)) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String alternative : topLevelAlternatives(regex)) {
            String literal = leadingLiteral(alternative);
            if (literal.length() < MIN_LENGTH) {
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

    /** Any {@code (?} other than a non-capturing group {@code (?:} or a named group {@code (?<name>}. */
    private static boolean hasInlineFlagsOrLookaround(String regex) {
        for (int i = 0; i + 1 < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.charAt(i) == '(' && regex.charAt(i + 1) == '?') {
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

    /** The pattern split at each {@code |} outside groups (it has no classes). */
    private static List<String> topLevelAlternatives(String regex) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(regex.substring(start));
        return alternatives;
    }

    /**
     * The characters every match of the alternative starts with (after a leading {@code \b}): letters, digits,
     * spaces, punctuation and escaped punctuation, up to the first other construct; a character a quantifier makes
     * optional or repeatable is left out. Stops before any character outside the BMP, whose two halves a quantifier
     * would take together.
     */
    private static String leadingLiteral(String alternative) {
        int i = 0;
        while (alternative.startsWith("\\b", i)) {
            i += 2;
        }
        StringBuilder literal = new StringBuilder();
        while (i < alternative.length()) {
            char c = alternative.charAt(i);
            if (c == '\\') {
                if (i + 1 >= alternative.length() || Character.isLetterOrDigit(alternative.charAt(i + 1))
                        || Character.isSurrogate(alternative.charAt(i + 1))) {
                    break;
                }
                literal.append(alternative.charAt(i + 1));
                i += 2;
            } else if (".[](){}*+?|^$".indexOf(c) >= 0 || Character.isSurrogate(c)) {
                break;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (i < alternative.length() && "?*{".indexOf(alternative.charAt(i)) >= 0 && !literal.isEmpty()) {
            literal.setLength(literal.length() - 1);
        }
        return literal.toString();
    }
}
