package io.github.optimizationjobtracker.event;

import io.github.optimizationjobtracker.redaction.SecretRedactor;
import java.util.regex.Pattern;

/** SageMaker's optimization job name rule, and the job ARN format. */
public final class JobNames {
    /** From the DescribeOptimizationJob API reference; the length is checked separately (dashes repeat freely). */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    public static final int MAX_LENGTH = 63;
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\\d{12}:optimization-job/(.+)");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private JobNames() {
    }

    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /** The job name inside an optimization-job ARN, or null if the string is not one. */
    public static String fromArn(String arn) {
        if (arn == null || arn.length() > 256) {
            return null;
        }
        var matcher = ARN.matcher(arn);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The ARN a job of this name has (or would have had) in that account and region; null if either is unknown. */
    public static String arn(String region, String account, String name) {
        if (region == null || account == null || !REGION.matcher(region).matches()
                || !ACCOUNT.matcher(account).matches()) {
            return null;
        }
        return "arn:" + partition(region) + ":sagemaker:" + region + ":" + account + ":optimization-job/" + name;
    }

    /** The region named in an optimization-job ARN, or null. */
    public static String regionOf(String arn) {
        if (fromArn(arn) == null) {
            return null;
        }
        return arn.split(":", 6)[3];
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** A name SageMaker would refuse, made safe to store and show: printable, no secrets, at most 256 characters. */
    public static String printable(String name) {
        String clean = SecretRedactor.redactBounded(name, 256).replaceAll("\\p{Cntrl}", "?");
        return clean.isBlank() ? "(blank name)" : clean;
    }

    /** Makes untrusted text safe to quote in a log line or error: no secrets, printable, bounded. */
    public static String quote(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        String printable = SecretRedactor.redactBounded(untrusted, 400).replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 80 ? printable.substring(0, 80) + "..." : printable) + "'";
    }
}
