package com.luxedrive.deployment;

import com.luxedrive.local.LocalPlatform;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What can be checked of the image recipe without a Docker engine: a pinned base, a numeric non-root user, the JVM
 * sized from the container, an exec-form entrypoint on Spring Boot's launcher, and the layers it copies being those
 * the built jars have.
 */
class DockerfileTest {

    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final Pattern COPIED_LAYER = Pattern.compile("--from=\\S+\\s+\\S*/layers/([a-z-]+)/\\s");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    /** An instruction of the Dockerfile, its continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    @Test
    void everyStageStartsFromAPinnedBaseImage() {
        Map<String, String> globalArguments = globalArguments();
        List<String> stages = new ArrayList<>();
        for (Instruction from : instructions("FROM")) {
            String[] words = from.arguments().split("\\s+");
            String image = resolve(words[0], globalArguments);
            if (stages.contains(image)) {
                continue;
            }
            assertThat(image).as("FROM %s", from.arguments()).doesNotContain("$").contains(":");
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(tag).as("%s: a full release, never a moving tag", image)
                    .doesNotStartWith("latest")
                    .matches("\\d+\\.\\d+\\.\\d+.*");
            if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                stages.add(words[2]);
            }
        }
        assertThat(instructions("FROM")).isNotEmpty();
    }

    @Test
    void theImageRunsAsANumericUnprivilegedUser() {
        List<Instruction> users = instructionsOfLastStage("USER");

        assertThat(users).as("a USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).arguments();
        assertThat(user).as("numeric, so Kubernetes' runAsNonRoot can check it").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
    }

    @Test
    void theJvmSizesItselfFromTheContainersMemory() {
        assertThat(instructionsOfLastStage("ENV")).extracting(Instruction::arguments)
                .anySatisfy(env -> assertThat(env).contains("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=")
                        // bounded outside the heap too, and sized for the pod's CPU, not the node's
                        .contains("-XX:MaxDirectMemorySize=").contains("-XX:ActiveProcessorCount="));
    }

    @Test
    void theEntrypointIsExecFormAndStartsSpringBootsLauncher() {
        List<Instruction> entrypoints = instructionsOfLastStage("ENTRYPOINT");

        assertThat(entrypoints).hasSize(1);
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(entrypoints.get(0).arguments());
        assertThat(parsed).as("exec form (a JSON array): the JVM is PID 1 and gets SIGTERM")
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly("java", LAUNCHER);
        assertThat(instructionsOfLastStage("CMD")).isEmpty();
    }

    @Test
    void theJarIsExtractedIntoLayersWithTheLauncher() {
        assertThat(instructions("RUN")).extracting(Instruction::arguments)
                .anySatisfy(run -> assertThat(run).contains("-Djarmode=tools").contains("extract")
                        .contains("--layers").contains("--launcher"));
    }

    @Test
    void theLayersCopiedAreThoseOfTheBuiltJarsInOrder() {
        List<String> copied = new ArrayList<>();
        for (Instruction copy : instructionsOfLastStage("COPY")) {
            Matcher layer = COPIED_LAYER.matcher(copy.arguments() + " ");
            if (layer.find()) {
                copied.add(layer.group(1));
            }
        }
        List<Path> jars = LocalPlatform.SERVICES.stream()
                .map(service -> Project.file(service + "/target/" + service + ".jar"))
                .filter(Files::isRegularFile)
                .toList();
        assumeFalse(jars.isEmpty(), "no service jar built yet (the verify phase builds them before this module)");

        for (Path jar : jars) {
            List<String> layers = Tool.JAVA.output("-Djarmode=tools", "-jar", jar.toString(), "list-layers")
                    .lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
            assertThat(copied).as("the layers the Dockerfile copies, and those of %s", jar.getFileName())
                    .containsExactlyElementsOf(layers);
        }
    }

    @Test
    void onlyTheServiceJarsAreSentToTheBuilder() {
        List<String> rules = Project.read(".dockerignore").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(rules.get(0)).isEqualTo("*");
        assertThat(rules.subList(1, rules.size())).containsExactlyInAnyOrderElementsOf(LocalPlatform.SERVICES.stream()
                .map(service -> "!" + service + "/target/" + service + ".jar").toList());
    }

    private static List<Instruction> instructions(String keyword) {
        return instructions().stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    /** The instructions of the image that runs (the last stage) with this keyword. */
    static List<Instruction> instructionsOfLastStage(String keyword) {
        List<Instruction> all = instructions();
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return all.subList(lastFrom, all.size()).stream()
                .filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    /** The ARGs declared before the first FROM, with their defaults: what a FROM line may use. */
    private static Map<String, String> globalArguments() {
        Map<String, String> arguments = new HashMap<>();
        for (Instruction instruction : instructions()) {
            if (instruction.keyword().equals("FROM")) {
                break;
            }
            if (instruction.keyword().equals("ARG") && instruction.arguments().contains("=")) {
                String[] nameAndDefault = instruction.arguments().split("=", 2);
                arguments.put(nameAndDefault[0].trim(), nameAndDefault[1].trim());
            }
        }
        return arguments;
    }

    private static String resolve(String text, Map<String, String> arguments) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(resolved,
                    Matcher.quoteReplacement(arguments.getOrDefault(variable.group(1), variable.group())));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }

    private static List<Instruction> instructions() {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Project.read("Dockerfile").lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] keywordAndArguments = current.toString().trim().split("\\s+", 2);
            instructions.add(new Instruction(keywordAndArguments[0].toUpperCase(),
                    keywordAndArguments.length > 1 ? keywordAndArguments[1].trim() : ""));
            current.setLength(0);
        }
        return instructions;
    }
}
