package io.github.optimizationjobtracker.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * --stack: the table named by the stack's TableName output, read with DescribeStacks from a WireMock that speaks
 * CloudFormation's query protocol (form-encoded POST, XML answers), reached through AWS_ENDPOINT_URL_CLOUDFORMATION.
 */
class StackTableTest {
    private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static WireMockServer cloudFormation;

    @BeforeAll
    static void start() {
        cloudFormation = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cloudFormation.start();
    }

    @AfterAll
    static void stop() {
        cloudFormation.stop();
    }

    @BeforeEach
    void stacks() {
        cloudFormation.resetAll();
        cloudFormation.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("StackName=tracker-prod"))
                .willReturn(xml(200, stack("tracker-prod", """
                        <member><OutputKey>AlertTopicArn</OutputKey>\
                        <OutputValue>arn:aws:sns:us-east-1:123456789012:alerts</OutputValue></member>
                        <member><OutputKey>TableName</OutputKey><OutputValue>optimization-jobs</OutputValue></member>
                        """))));
        cloudFormation.stubFor(post(urlEqualTo("/")).withRequestBody(containing("StackName=other-stack"))
                .willReturn(xml(200, stack("other-stack", """
                        <member><OutputKey>BucketName</OutputKey><OutputValue>some-bucket</OutputValue></member>
                        """))));
        cloudFormation.stubFor(post(urlEqualTo("/")).withRequestBody(containing("StackName=no-such-stack"))
                .willReturn(xml(400, "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type>"
                        + "<Code>ValidationError</Code><Message>Stack with id no-such-stack does not exist</Message>"
                        + "</Error><RequestId>b1c2</RequestId></ErrorResponse>")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static String stack(String name, String outputs) {
        return "<DescribeStacksResponse xmlns=\"" + NAMESPACE + "\"><DescribeStacksResult><Stacks><member>"
                + "<StackName>" + name + "</StackName>"
                + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/1a2b</StackId>"
                + "<CreationTime>2026-01-05T10:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>"
                + "<Outputs>" + outputs + "</Outputs></member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>a1b2</RequestId></ResponseMetadata></DescribeStacksResponse>";
    }

    private static CliRun tracker() {
        return new CliRun().environment("AWS_ENDPOINT_URL_CLOUDFORMATION", cloudFormation.baseUrl());
    }

    @Test
    void theStacksTableNameOutputNamesTheTable() throws IOException {
        CliRun.Result result = tracker().run("--endpoint-url", LocalTable.get().endpoint(), "--stack", "tracker-prod",
                "list", "--status", "FAILED", "--since", "15m");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(Files.readString(Path.of("src/test/resources/golden/list-failed-15m.txt"),
                StandardCharsets.UTF_8));
        cloudFormation.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeStacks"))
                .withRequestBody(containing("Version=2010-05-15"))
                .withRequestBody(containing("StackName=tracker-prod")));
    }

    @Test
    void anExplicitStackBeatsTheEnvironmentsTable() {
        CliRun.Result result = tracker().environment("TRACKER_TABLE", "some-other-table")
                .run("--endpoint-url", LocalTable.get().endpoint(), "--stack", "tracker-prod", "show",
                        "llama3-8b-spec-decoding");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Job               llama3-8b-spec-decoding\n");
    }

    @Test
    void anExplicitTableNeedsNoStack() {
        CliRun.Result result = tracker().run("--endpoint-url", LocalTable.get().endpoint(), "--table",
                LocalTable.TABLE, "--stack", "no-such-stack", "show", "llama3-8b-spec-decoding");

        assertThat(result.exitCode()).isZero();
        cloudFormation.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aStackThatIsNotThereIsNamedWithItsRegion() {
        CliRun.Result result = tracker().run("--endpoint-url", LocalTable.get().endpoint(), "--stack",
                "no-such-stack", "show", "llama3-8b-spec-decoding");

        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("tracker: stack no-such-stack not found in us-east-1: check --stack, or"
                + " pass the stack's --region\n");
        assertThat(result.exitCode()).isEqualTo(ExitCode.AWS);
    }

    @Test
    void aStackWithoutATableNameOutputIsNotTheTrackers() {
        CliRun.Result result = tracker().run("--endpoint-url", LocalTable.get().endpoint(), "--region", "eu-west-1",
                "--stack", "other-stack", "show", "llama3-8b-spec-decoding");

        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("tracker: stack other-stack (eu-west-1) has no TableName output: is it the"
                + " tracker's stack? Pass --table NAME instead\n");
        assertThat(result.exitCode()).isEqualTo(ExitCode.AWS);
    }
}
