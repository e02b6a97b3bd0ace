package io.github.optimizationjobtracker.event;

import java.util.regex.Pattern;

/** SageMaker's optimization job name rule, and the job ARN format. */
public final class JobNames {
    /** From the DescribeOptimizationJob API reference: 1-63 characters. */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\\d{12}:optimization-job/(.+)");

    private JobNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The job name inside an optimization-job ARN, or null if the string is not one. */
    public static String fromArn(String arn) {
        if (arn == null) {
            return null;
        }
        var matcher = ARN.matcher(arn);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Makes untrusted text safe to quote in a log line or error: printable, bounded. */
    public static String quote(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        String printable = untrusted.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 80 ? printable.substring(0, 80) + "..." : printable) + "'";
    }
}
