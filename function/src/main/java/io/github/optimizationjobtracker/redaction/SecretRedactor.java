package io.github.optimizationjobtracker.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials that users put into optimization jobs (environment variables, tokens in URLs, keys echoed by
 * a failing container or by a ValidationException) out of everything the tracker stores, logs or publishes.
 *
 * <p>Two independent nets: by name (a map entry or {@code NAME=value} whose name reads like a credential: TOKEN,
 * SECRET, PASSWORD, DB_PASS, API_KEY, SLACK_WEBHOOK_URL, DATABASE_URL, CONNECTION_STRING, ...) and by value
 * (shapes that are credentials whatever they are called: AWS access key ids, Hugging Face, GitHub, Slack and
 * OpenAI-style tokens, JWTs, PEM private keys, passwords in URLs, bearer tokens, Slack webhook paths). Redaction
 * errs on the side of hiding: a false positive costs a readable value, a false negative leaks a secret.
 */
public final class SecretRedactor {
    public static final String REDACTED = "***REDACTED***";

    /** A name containing one of these words is a credential's name, wherever it appears. */
    private static final Set<String> CREDENTIAL_WORDS = Set.of("TOKEN", "SECRET", "SECRETS", "PASSWORD",
            "PASSWORDS", "PASSWD", "PASSPHRASE", "PASSCODE", "CREDENTIAL", "CREDENTIALS", "CREDS", "APIKEY", "APIKEYS",
            "ACCESSKEY", "SECRETKEY", "PRIVATEKEY", "WEBHOOK", "WEBHOOKS", "COOKIE", "COOKIES", "JWT", "BEARER");
    /**
     * Words that name a credential only beside another word (DB_PASS, API_KEY, SSL_CERT); alone in free text ("pass: 3",
     * "key: lm_head.weight") they are ordinary words. As a map's key, alone, they still count.
     */
    private static final Set<String> WEAK_WORDS = Set.of("PASS", "PWD", "SALT", "DSN", "OTP");
    /** ... or ending in one of these. "KeyError", "KmsKeyId" and "max_new_tokens" end otherwise. */
    private static final Set<String> CREDENTIAL_ENDINGS = Set.of("KEY", "KEYS", "AUTH", "AUTHORIZATION", "SIG",
            "SIGNATURE", "CERT", "CERTIFICATE", "SESSION");
    /** ... or naming a connection: DATABASE_URL, REDIS_URI, CONNECTION_STRING, MONGO_CONN_STR. */
    private static final Set<String> CONNECTION_SUBJECTS = Set.of("DATABASE", "DB", "REDIS", "MONGO", "MONGODB",
            "POSTGRES", "POSTGRESQL", "PG", "MYSQL", "AMQP", "RABBITMQ", "BROKER", "CONNECTION", "CONN", "SQLALCHEMY",
            "JDBC", "KAFKA", "CELERY");
    private static final Set<String> CONNECTION_OBJECTS = Set.of("URL", "URI", "URLS", "STRING", "STR", "DSN");

    /** Credential-shaped values, whatever their name. Each match is replaced by {@link #REDACTED} as a whole. */
    static final Pattern SECRET_VALUE = Pattern.compile(String.join("|",
            "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b",                   // AWS access key ids
            "\\bhf_[A-Za-z0-9]{16,}",                                       // Hugging Face
            "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})", // GitHub
            "\\bxox[abposre]-[A-Za-z0-9-]{8,}|\\bxapp-[A-Za-z0-9-]{8,}",    // Slack
            "\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}",                      // OpenAI / Anthropic-style keys
            "\\bAIza[0-9A-Za-z_-]{30,}",                                    // Google API keys
            "\\bglpat-[A-Za-z0-9_-]{20,}",                                  // GitLab
            "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", // JWT
            "-----BEGIN[ A-Z0-9]*PRIVATE KEY-----(?s:.*?)(?:-----END[ A-Z0-9]*PRIVATE KEY-----|\\z)"));
    // Whose secret part (group "secret") is replaced, keeping the context readable.
    /** https://user:password@host -> https://user:***REDACTED***@host (up to the last @ of the authority). */
    static final Pattern URL_PASSWORD = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/:@]*:(?<secret>[^\\s/]+)@");
    /** Authorization: Bearer eyJhbG..., token 3f9a...: the word, then something as long as a token. */
    static final Pattern AUTH_WORD_TOKEN =
            Pattern.compile("(?i)\\b(?:bearer|basic|token)\\s+(?<secret>[A-Za-z0-9._~+/=-]{20,})");
    /** An AWS secret access key after its name, whatever the separator. */
    static final Pattern NAMED_SECRET_ACCESS_KEY =
            Pattern.compile("(?i)secret_?access_?key[\"'\\s:=]+(?<secret>[A-Za-z0-9/+=]{40})");
    static final Pattern SLACK_WEBHOOK =
            Pattern.compile("https://hooks\\.slack\\.com/(?<secret>(?:services|workflows|triggers)/[A-Za-z0-9/_-]+)");
    static final Pattern DISCORD_WEBHOOK =
            Pattern.compile("https://(?:\\w+\\.)?discord(?:app)?\\.com/api/webhooks/(?<secret>[A-Za-z0-9/_-]+)");

    /** Marks {@link #shapeMarks} reports: which patterns a text can match at all. */
    static final int VALUE_MARK = 1;
    static final int URL_MARK = 2;
    static final int AUTH_WORD_MARK = 4;
    static final int SECRET_WORD_MARK = 8;

    /**
     * The longest name (or command-line flag) a name/value pair may have: longer runs are no variable's name, and
     * the scan stays linear.
     */
    private static final int MAX_NAME = 101;
    /** The longest value a name/value pair may hide; no credential is longer, and the scan stays linear. */
    private static final int MAX_VALUE = 4096;
    /** How far before its limit {@link #redactBounded} may cut a text. */
    private static final int CUT_WINDOW = 256;

    /** Fields that name the entry of a {@code {"Key"/"Name": .., "Value": ..}} pair. */
    private static final Set<String> PAIR_NAMES = Set.of("Key", "Name");

    private SecretRedactor() {
    }

    /**
     * How many answers {@link #isCredentialName} remembers per kind of name: a document's member names and the parts
     * of its ARNs recur in every event, but names also come from users (environment maps, free text), so the memory
     * is bounded, in count (give or take the threads adding at the same moment) and in the length of a name it keeps.
     */
    static final int REMEMBERED_NAMES = 2048;
    private static final int REMEMBERED_NAME_LENGTH = 128;
    private static final Map<String, Boolean> KEY_NAMES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> TEXT_NAMES = new ConcurrentHashMap<>();

    /** True when a variable or field of this name (a map's key) would hold a credential. */
    public static boolean isCredentialName(String name) {
        return remembered(KEY_NAMES, name, true);
    }

    private static boolean remembered(Map<String, Boolean> answers, String name, boolean weakWordsAlone) {
        Boolean known = answers.get(name);
        if (known != null) {
            return known;
        }
        boolean credential = isCredentialName(name, weakWordsAlone);
        if (name.length() <= REMEMBERED_NAME_LENGTH && answers.size() < REMEMBERED_NAMES) {
            answers.put(name, credential);
        }
        return credential;
    }

    static int rememberedNames() {
        return KEY_NAMES.size() + TEXT_NAMES.size();
    }

    /** {@code weakWordsAlone}: whether PASS, PWD, ... alone name a credential (a map's key) or not (free text). */
    static boolean isCredentialName(String name, boolean weakWordsAlone) {
        List<String> words = words(name);
        if (words.isEmpty()) {
            return false;
        }
        String joined = String.join("", words);
        for (String word : words) {
            if (CREDENTIAL_WORDS.contains(word)) {
                return true;
            }
            if (WEAK_WORDS.contains(word) && (weakWordsAlone || words.size() > 1)) {
                return true;
            }
        }
        // however the words are split: PassWord, API_KEY, AWS_ACCESS_KEY_ID
        for (String strong : new String[] {"PASSWORD", "SECRET", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "CREDENTIAL",
                "WEBHOOK", "PASSPHRASE", "PASSWD"}) {
            if (joined.contains(strong)) {
                return true;
            }
        }
        String last = words.get(words.size() - 1);
        if (CREDENTIAL_ENDINGS.contains(last) && (weakWordsAlone || words.size() > 1)) {
            return true;
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            if (CONNECTION_SUBJECTS.contains(words.get(i)) && CONNECTION_OBJECTS.contains(words.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Upper-case words of an identifier: "slackWebhookUrl" and "SLACK_WEBHOOK_URL" both give SLACK, WEBHOOK, URL. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
            if (!Character.isLetter(c) || boundary) {
                flush(words, word);
            }
            if (Character.isLetter(c)) {
                word.append(c);
            }
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (!word.isEmpty()) {
            words.add(word.toString().toUpperCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    /** The text with every credential found in it replaced by {@link #REDACTED}; null stays null. */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        // Each pattern runs only on a text holding the mark every one of its matches holds. A replacement never
        // creates a mark (REDACTED holds none, and no mark holds a '*'), so the marks of the original text stand.
        int marks = shapeMarks(text);
        if ((marks & VALUE_MARK) != 0) {
            result = SECRET_VALUE.matcher(result).replaceAll(REDACTED);
        }
        if ((marks & URL_MARK) != 0 && result.indexOf('@') >= 0) {
            result = replaceGroup(result, URL_PASSWORD, "secret");
        }
        if ((marks & AUTH_WORD_MARK) != 0) {
            result = replaceGroup(result, AUTH_WORD_TOKEN, "secret");
        }
        if ((marks & SECRET_WORD_MARK) != 0) {
            result = replaceGroup(result, NAMED_SECRET_ACCESS_KEY, "secret");
        }
        if ((marks & URL_MARK) != 0 && result.contains("hooks.slack.com/")) {
            result = replaceGroup(result, SLACK_WEBHOOK, "secret");
        }
        if ((marks & URL_MARK) != 0 && result.contains("discord")) {
            result = replaceGroup(result, DISCORD_WEBHOOK, "secret");
        }
        // Every name/value pair has one of these: most texts are spared the scan.
        if (result.indexOf('=') >= 0 || result.indexOf(':') >= 0 || result.contains("--")) {
            result = redactNamedValues(result);
        }
        return result;
    }

    /**
     * Which credential shapes the text may hold, from the marks each shape starts with or contains: a key's prefix
     * or a private key's armour ({@link #VALUE_MARK}), {@code ://} ({@link #URL_MARK}), the words bearer, basic or
     * token ({@link #AUTH_WORD_MARK}), the word secret ({@link #SECRET_WORD_MARK}). One pass over the text: most
     * texts (names, ARNs, instance types) have none and are spared every pattern; an S3 URI only the URL ones.
     */
    static int shapeMarks(String text) {
        int marks = 0;
        for (int i = 0; i < text.length(); i++) {
            marks |= switch (text.charAt(i)) {
                case 'A' -> text.startsWith("AKIA", i) || text.startsWith("ASIA", i) || text.startsWith("ABIA", i)
                        || text.startsWith("ACCA", i) || text.startsWith("AIza", i) ? VALUE_MARK : 0;
                case 'h' -> text.startsWith("hf_", i) ? VALUE_MARK : 0;
                case 'g' -> text.startsWith("gh", i) || text.startsWith("github_pat_", i)
                        || text.startsWith("glpat-", i) ? VALUE_MARK : 0;
                case 'x' -> text.startsWith("xox", i) || text.startsWith("xapp-", i) ? VALUE_MARK : 0;
                case 'e' -> text.startsWith("eyJ", i) ? VALUE_MARK : 0;
                case '-' -> text.startsWith("-----BEGIN", i) ? VALUE_MARK : 0;
                case ':' -> text.startsWith("://", i) ? URL_MARK : 0;
                case 's', 'S' -> (text.startsWith("sk-", i) ? VALUE_MARK : 0)
                        | (text.regionMatches(true, i, "secret", 0, 6) ? SECRET_WORD_MARK : 0);
                case 'b', 'B' -> text.regionMatches(true, i, "bearer", 0, 6)
                        || text.regionMatches(true, i, "basic", 0, 5) ? AUTH_WORD_MARK : 0;
                case 't', 'T' -> text.regionMatches(true, i, "token", 0, 5) ? AUTH_WORD_MARK : 0;
                default -> 0;
            };
        }
        return marks;
    }

    private static String replaceGroup(String text, Pattern pattern, String group) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            if (!REDACTED.equals(matcher.group(group))) {
                out.append(text, last, matcher.start(group)).append(REDACTED);
                last = matcher.end(group);
            }
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Replaces the value after every credential name. Linear: a name that is no credential's is stepped over, never
     * re-read, and a value is read by hand to its end (the closing quote, or the first space, quote or bracket).
     */
    static String redactNamedValues(String text) {
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        NamedValue pair;
        while ((pair = NamedValue.next(text, from)) != null) {
            int valueStart = pair.valueStart();
            boolean nextIsFlag = pair.flag() && text.startsWith("-", valueStart);
            if (valueStart >= text.length() || nextIsFlag || !remembered(TEXT_NAMES, pair.name(text), false)) {
                from = valueStart;
                continue;
            }
            int valueEnd = valueEnd(text, valueStart);
            int secretStart = isQuote(text.charAt(valueStart)) ? valueStart + 1 : valueStart;
            int secretEnd = isQuote(text.charAt(valueStart)) && valueEnd > secretStart
                    && text.charAt(valueEnd - 1) == text.charAt(valueStart) ? valueEnd - 1 : valueEnd;
            if (secretEnd > secretStart && !text.startsWith(REDACTED, secretStart)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, secretStart).append(REDACTED);
                last = secretEnd;
            }
            from = Math.max(valueEnd, valueStart + 1);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /**
     * A name and its separator ({@code NAME=}, {@code NAME:}, {@code "NAME":}, spaces around the separator allowed),
     * or a command line's {@code --name} followed by spaces or tabs: where the name is and where its value starts.
     *
     * <p>Found by hand rather than by the equivalent pattern
     * {@code (?<name>[A-Za-z_][A-Za-z0-9_.-]{0,100})["']?\s*[:=]\s*|--(?<flag>[A-Za-z][A-Za-z0-9_-]{0,100})[ \t]+}:
     * the pattern re-reads a word from each of its letters, and this runs on every text with a colon in it (every
     * ARN). Same matches, same leftmost order: a name is the rest of a run of name characters, so whether a run is
     * followed by a separator is decided once for the whole run.
     */
    record NamedValue(int nameStart, int nameEnd, boolean flag, int valueStart) {
        String name(String text) {
            return text.substring(nameStart, nameEnd);
        }

        /** The leftmost pair whose name starts at or after {@code from}, or null. */
        static NamedValue next(String text, int from) {
            int length = text.length();
            int runStart = from;
            while (runStart < length) {
                if (!isNameChar(text.charAt(runStart))) {
                    runStart++;
                    continue;
                }
                int runEnd = runStart;
                while (runEnd < length && isNameChar(text.charAt(runEnd))) {
                    runEnd++;
                }
                int valueStart = afterSeparator(text, runEnd);
                for (int start = runStart; start < runEnd; start++) {
                    char c = text.charAt(start);
                    if (c == '-') {
                        NamedValue flag = flagAt(text, start);
                        if (flag != null) {
                            return flag;
                        }
                    } else if (valueStart >= 0 && runEnd - start <= MAX_NAME && (isAsciiLetter(c) || c == '_')) {
                        return new NamedValue(start, runEnd, false, valueStart);
                    }
                }
                runStart = runEnd;
            }
            return null;
        }

        /** Where the value starts after a name ending at {@code end} (a quote, a colon or equals sign), or -1. */
        private static int afterSeparator(String text, int end) {
            int at = end;
            if (at < text.length() && isQuote(text.charAt(at))) {
                at++;
            }
            at = skipPatternWhitespace(text, at);
            if (at < text.length() && (text.charAt(at) == ':' || text.charAt(at) == '=')) {
                return skipPatternWhitespace(text, at + 1);
            }
            return -1;
        }

        /** {@code --flag} followed by spaces or tabs at {@code dashes}, or null. */
        private static NamedValue flagAt(String text, int dashes) {
            int start = dashes + 2;
            if (start >= text.length() || text.charAt(dashes + 1) != '-' || !isAsciiLetter(text.charAt(start))) {
                return null;
            }
            int end = start + 1;
            while (end < text.length() && end < start + MAX_NAME && isFlagChar(text.charAt(end))) {
                end++;
            }
            int valueStart = end;
            while (valueStart < text.length() && (text.charAt(valueStart) == ' ' || text.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            return valueStart > end ? new NamedValue(start, end, true, valueStart) : null;
        }

        private static int skipPatternWhitespace(String text, int from) {
            int at = from;
            while (at < text.length() && isPatternWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }

        /** What {@code \s} matches in a pattern without UNICODE_CHARACTER_CLASS. */
        private static boolean isPatternWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isFlagChar(char c) {
            return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        private static boolean isNameChar(char c) {
            return isFlagChar(c) || c == '.';
        }
    }

    /** Where a value starting at {@code start} ends: after its closing quote if quoted, else at a delimiter. */
    static int valueEnd(String text, int start) {
        int limit = Math.min(text.length(), start + MAX_VALUE);
        char first = text.charAt(start);
        if (isQuote(first)) {
            int close = text.indexOf(first, start + 1);
            return close < 0 || close >= limit ? limit : close + 1;
        }
        int end = start;
        while (end < limit) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || isQuote(c) || c == ',' || c == '}' || c == ']' || c == ')') {
                break;
            }
            end++;
        }
        return end;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /**
     * The text, redacted, in at most {@code maxChars} characters: cut first (at a space near the limit, so no
     * secret is left half shown), then redacted, then marked. For texts from outside, whose size nothing bounds.
     */
    public static String redactBounded(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return redactText(text);
        }
        // a cut moves back at most this far, to the last space, or else drops a word-like run (a secret's start)
        int floor = Math.max(0, maxChars - CUT_WINDOW);
        int cut = text.lastIndexOf(' ', maxChars);
        if (cut < floor) {
            cut = maxChars;
            while (cut > floor && !Character.isWhitespace(text.charAt(cut - 1))) {
                cut--;
            }
        }
        return redactText(text.substring(0, cut)) + " [... " + (text.length() - cut) + " more characters not kept]";
    }

    /**
     * Redacts a JSON document in place: values of credential-named fields and map entries (environment maps,
     * {@code {"Key": .., "Value": ..}} tag pairs), and credential-shaped text anywhere. Returns how many values it
     * changed.
     */
    public static int redactDocument(JsonNode node) {
        int redacted = 0;
        if (node instanceof ObjectNode object) {
            redacted += redactPair(object);
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    redacted += redactDocument(value);
                } else if (value.isNull() || value.isBoolean() || REDACTED.equals(value.asText())) {
                    continue;
                } else if (isCredentialName(field.getKey()) && !field.getKey().equals("Key")) {
                    // (a pair's "Key" names its entry: {"Key": "team", "Value": "ml"})
                    field.setValue(object.textNode(REDACTED));
                    redacted++;
                } else if (value.isTextual()) {
                    String clean = redactText(value.textValue());
                    if (!clean.equals(value.textValue())) {
                        field.setValue(object.textNode(clean));
                        redacted++;
                    }
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    String clean = redactText(element.textValue());
                    if (!clean.equals(element.textValue())) {
                        array.set(i, array.textNode(clean));
                        redacted++;
                    }
                } else {
                    redacted += redactDocument(element);
                }
            }
        }
        return redacted;
    }

    /** A {@code {"Key": "DB_PASS", "Value": "..."}} entry (tags, name/value lists) is a map entry in disguise. */
    private static int redactPair(ObjectNode object) {
        JsonNode value = object.get("Value");
        if (value == null || !value.isValueNode() || value.isNull() || value.isBoolean()
                || REDACTED.equals(value.asText())) {
            return 0;
        }
        for (String nameField : PAIR_NAMES) {
            JsonNode name = object.get(nameField);
            if (name != null && name.isTextual() && isCredentialName(name.textValue())) {
                object.put("Value", REDACTED);
                return 1;
            }
        }
        return 0;
    }
}
