package com.luxedrive.deployment;

import com.luxedrive.local.ServiceProcess;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code JAVA_TOOL_OPTIONS} where a deployment sets them: they replace the image's, so every flag of
 * the image must be there again (a value may differ), with the collector the local platform runs the gateway with
 * ({@link ServiceProcess#GATEWAY_COLLECTOR}) and the heap at its full size from the start.
 */
final class GatewayJvmFlags {

    private static final Pattern IMAGE_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

    private GatewayJvmFlags() {
    }

    static void assertMeasuredCollectorAndImageFlags(String where, String javaToolOptions) {
        assertThat(javaToolOptions).as("%s: the gateway's JAVA_TOOL_OPTIONS", where).isNotBlank();
        List<String> flags = Arrays.asList(javaToolOptions.trim().split("\\s+"));
        for (String imageFlag : imageFlags()) {
            String name = imageFlag.contains("=") ? imageFlag.substring(0, imageFlag.indexOf('=') + 1) : imageFlag;
            assertThat(flags).as("%s: the image's %s, repeated", where, imageFlag)
                    .anySatisfy(flag -> assertThat(flag).startsWith(name));
        }
        assertThat(flags).as("%s: the collector the gateway was measured with", where)
                .containsAll(ServiceProcess.GATEWAY_COLLECTOR);
        assertThat(value(flags, "-XX:InitialRAMPercentage=")).as("%s: the whole heap from the start", where)
                .isEqualTo(value(flags, "-XX:MaxRAMPercentage="));
    }

    private static List<String> imageFlags() {
        for (DockerfileTest.Instruction env : DockerfileTest.instructionsOfLastStage("ENV")) {
            Matcher options = IMAGE_OPTIONS.matcher(env.arguments());
            if (options.find()) {
                return Arrays.asList(options.group(1).trim().split("\\s+"));
            }
        }
        throw new AssertionError("the Dockerfile's image sets no JAVA_TOOL_OPTIONS");
    }

    /** The flag's value as the JVM takes it: the last time it is given. */
    private static String value(List<String> flags, String prefix) {
        return flags.stream().filter(flag -> flag.startsWith(prefix)).map(flag -> flag.substring(prefix.length()))
                .reduce((first, last) -> last).orElse(null);
    }
}
