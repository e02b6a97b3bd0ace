package io.github.optimizationjobtracker.cli;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS CLI's profile files as the settings locate them (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else
 * ~/.aws/config and ~/.aws/credentials), and the profile to use (--profile, else AWS_PROFILE, else "default").
 */
final class AwsProfiles {
    static final String DEFAULT = "default";

    private final ProfileFile file;
    private final String name;
    private final boolean named;

    private AwsProfiles(ProfileFile file, String name, boolean named) {
        this.file = file;
        this.name = name;
        this.named = named;
    }

    static AwsProfiles load(Settings settings, String profileOption) {
        Path config = path(settings, "AWS_CONFIG_FILE", "config");
        Path credentials = path(settings, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        boolean any = false;
        if (Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
            any = true;
        }
        if (Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            any = true;
        }
        if (!any) {
            files.addFile(ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                    .type(ProfileFile.Type.CONFIGURATION).build());
        }
        String fromEnvironment = settings.variable("AWS_PROFILE");
        String name = profileOption != null ? profileOption : fromEnvironment != null ? fromEnvironment : DEFAULT;
        return new AwsProfiles(files.build(), name, profileOption != null || fromEnvironment != null);
    }

    private static Path path(Settings settings, String variable, String fileName) {
        String configured = settings.variable(variable);
        return configured != null ? Path.of(configured) : settings.home().resolve(".aws").resolve(fileName);
    }

    ProfileFile file() {
        return file;
    }

    String name() {
        return name;
    }

    /** Whether the user chose the profile (--profile or AWS_PROFILE), rather than falling back to "default". */
    boolean named() {
        return named;
    }

    boolean exists() {
        return file.profile(name).isPresent();
    }

    /** A setting of the profile (region, ...), or null. */
    String setting(String key) {
        return file.profile(name).flatMap(p -> p.property(key)).orElse(null);
    }
}
