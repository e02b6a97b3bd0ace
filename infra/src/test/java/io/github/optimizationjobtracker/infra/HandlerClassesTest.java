package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every handler either template names is a class in the shaded jar that Lambda can call. */
class HandlerClassesTest {
    private static final Set<String> LAMBDA_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler",
            "com.amazonaws.services.lambda.runtime.RequestHandler");

    @Test
    void everyHandlerIsALambdaHandlerClassInTheJar() throws Exception {
        Assumptions.assumeTrue(Synth.realFunctionJar(), () -> "Skipped: " + Synth.FUNCTION_JAR + " is not built."
                + " It is in the reactor build (mvn verify from the repository root builds function before infra).");
        Set<String> handlers = new TreeSet<>();
        Synth.defaults().resources().values().stream().map(Cfn::map)
                .filter(r -> "AWS::Lambda::Function".equals(r.get("Type")))
                .forEach(r -> handlers.add((String) map(r.get("Properties")).get("Handler")));
        Map<String, Object> sam = map(CfnYaml.load(Synth.SAM_TEMPLATE).get("Resources"));
        sam.values().stream().map(Cfn::map)
                .filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
                .forEach(r -> handlers.add((String) map(r.get("Properties")).get("Handler")));
        assertThat(handlers).containsExactlyInAnyOrder(TrackerStack.PROCESSOR_HANDLER, TrackerStack.POLLER_HANDLER);

        // Only the jar (over the platform loader): the handler must load from what Lambda gets, not from the
        // function module's classes on this test's classpath. Classes are not initialised (no SDK clients built).
        try (URLClassLoader jar = new URLClassLoader(new URL[] {Synth.FUNCTION_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            List<String> problems = new ArrayList<>();
            for (String handler : handlers) {
                String className = handler.substring(0, handler.indexOf("::"));
                String methodName = handler.substring(handler.indexOf("::") + 2);
                Class<?> type;
                try {
                    type = Class.forName(className, false, jar);
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add(handler + ": class " + className + " cannot be loaded from the jar (" + e + ")");
                    continue;
                }
                boolean implementsLambda = LAMBDA_INTERFACES.stream().anyMatch(name -> {
                    try {
                        return Class.forName(name, false, jar).isAssignableFrom(type);
                    } catch (ClassNotFoundException e) {
                        return false;
                    }
                });
                if (!implementsLambda) {
                    problems.add(handler + ": " + className + " implements neither RequestStreamHandler nor RequestHandler");
                }
                if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(methodName))) {
                    problems.add(handler + ": " + className + " has no public method " + methodName);
                }
            }
            assertThat(problems).as("handlers named in template.yaml / the CDK stack, checked against %s",
                    Synth.FUNCTION_JAR).isEmpty();
        }
    }
}
