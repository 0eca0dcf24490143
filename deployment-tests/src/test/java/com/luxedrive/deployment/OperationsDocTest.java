package com.luxedrive.deployment;

import com.luxedrive.local.LocalPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings table of {@code docs/operations.md} matches the configuration: every variable it documents is read
 * somewhere, every variable the services read or the deployments set is documented, and its defaults are the
 * services' own.
 */
class OperationsDocTest {

    private static final String DOCUMENT = "docs/operations.md";
    /** {@code ${NAME} or ${NAME:default}} in Spring configuration: NAME is an environment variable by convention. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern CONFIGURATION_PROPERTIES =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([a-z0-9.-]+)\"");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    /** A row of the settings table. */
    record Setting(String variable, String services, String defaultValue, String meaning) {
    }

    /** Every alert links to a section of the runbook named after it, and the section is there. */
    @Test
    void everyAlertHasItsRunbookSection() {
        String rules = Project.read("k8s/observability/prometheus-rules.yaml");
        Set<String> sections = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^### (Luxe\\w+)$").matcher(Project.read(DOCUMENT));
        while (heading.find()) {
            sections.add(heading.group(1));
        }
        // an alert's name, then the lines up to its runbook link, never past the next alert
        Matcher alert = Pattern.compile("- alert: (\\w+)\\n(?:(?!\\s+- alert:).*\\n)*?"
                + "\\s+runbook: docs/operations\\.md#(\\S+)").matcher(rules);
        Map<String, String> runbooks = new LinkedHashMap<>();
        while (alert.find()) {
            runbooks.put(alert.group(1), alert.group(2));
        }

        assertThat(runbooks.keySet()).as("alerts with a runbook link")
                .containsExactlyInAnyOrderElementsOf(Pattern.compile("- alert: (\\w+)").matcher(rules).results()
                        .map(match -> match.group(1)).toList());
        runbooks.forEach((name, anchor) -> {
            assertThat(anchor).as("the runbook anchor of %s", name).isEqualTo(name.toLowerCase(Locale.ROOT));
            assertThat(sections).as("runbook sections").contains(name);
        });
    }

    @Test
    void theTableDocumentsEachVariableOnceWithWhatItDoes() {
        List<Setting> settings = settings();

        assertThat(settings).isNotEmpty();
        assertThat(settings).extracting(Setting::variable).doesNotHaveDuplicates()
                .allSatisfy(variable -> assertThat(variable).matches("[A-Z][A-Z0-9_]*"));
        assertThat(settings).allSatisfy(setting -> {
            assertThat(setting.services()).as(setting.variable()).isNotBlank();
            assertThat(setting.defaultValue()).as(setting.variable()).isNotBlank();
            assertThat(setting.meaning()).as(setting.variable()).isNotBlank();
        });
    }

    @Test
    void everyDocumentedVariableIsReadSomewhere() {
        Sources sources = Sources.read();

        assertThat(settings()).extracting(Setting::variable)
                .allSatisfy(variable -> assertThat(sources.reads(variable))
                        .as("%s is documented but neither read by a service (a ${%s} placeholder, a Java string, a "
                                + "@ConfigurationProperties property) nor set by the deployment files", variable,
                                variable)
                        .isTrue());
    }

    @Test
    void everyVariableTheServicesReadIsDocumented() {
        assertThat(documented()).containsAll(Sources.read().placeholderDefaults().keySet());
    }

    @Test
    void everySettingTheDeploymentsGiveIsDocumented() {
        Set<String> given = new TreeSet<>();
        LocalPlatform.environmentNames().values().forEach(given::addAll);
        given.addAll(LocalPlatform.passedThrough());
        given.addAll(composeServiceSettings());
        given.addAll(kubernetesSettings("k8s/overlays/production"));
        given.addAll(kubernetesSettings("k8s/overlays/local"));

        assertThat(documented()).containsAll(given);
    }

    @Test
    void documentedDefaultsAreTheServicesOwn() {
        Map<String, Set<String>> defaults = Sources.read().placeholderDefaults();

        for (Setting setting : settings()) {
            Set<String> inConfiguration = defaults.get(setting.variable());
            Matcher single = BACKTICKED.matcher(setting.defaultValue());
            boolean onlyAValue = single.matches();
            if (inConfiguration == null || inConfiguration.size() != 1 || !onlyAValue) {
                continue;
            }
            assertThat(single.group(1)).as("documented default of %s", setting.variable())
                    .isEqualTo(inConfiguration.iterator().next());
        }
    }

    /** The rows of the table under "## Settings". */
    static List<Setting> settings() {
        List<String> lines = Project.read(DOCUMENT).lines().toList();
        int heading = lines.indexOf("## Settings");
        assertThat(heading).as("%s has a '## Settings' section", DOCUMENT).isNotNegative();
        int header = heading;
        while (header < lines.size() && !lines.get(header).startsWith("| Variable |")) {
            header++;
        }
        assertThat(header).as("a table whose first column is Variable").isLessThan(lines.size());
        List<Setting> settings = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            assertThat(cells).as("row %s: four cells", lines.get(i)).hasSize(6);
            Matcher variable = BACKTICKED.matcher(cells[1].trim());
            assertThat(variable.matches()).as("row %s: the variable in backticks", lines.get(i)).isTrue();
            settings.add(new Setting(variable.group(1), cells[2].trim(), cells[3].trim(), cells[4].trim()));
        }
        return settings;
    }

    private static Set<String> documented() {
        Set<String> documented = new TreeSet<>();
        settings().forEach(setting -> documented.add(setting.variable()));
        return documented;
    }

    /** The variables docker-compose.yml gives the five services (not those of PostgreSQL, Kafka and Redis). */
    @SuppressWarnings("unchecked")
    private static Set<String> composeServiceSettings() {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Project.read("docker-compose.yml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Set<String> names = new TreeSet<>();
        for (String service : LocalPlatform.SERVICES) {
            Map<String, Object> definition = (Map<String, Object>) services.get(service);
            names.addAll(((Map<String, Object>) definition.get("environment")).keySet());
        }
        names.remove("<<");
        return names;
    }

    /** The variables an overlay gives the containers: their own and their ConfigMaps'. */
    private static Set<String> kubernetesSettings(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Set<String> names = new TreeSet<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        manifests.named(ConfigMap.class, source.getConfigMapRef().getName())
                                .ifPresent(configMap -> names.addAll(configMap.getData().keySet()));
                    }
                }
            }
        }
        return names;
    }

    /** Where the repository reads or sets environment variables. */
    record Sources(Map<String, Set<String>> placeholderDefaults, Set<String> javaStrings,
                   Map<String, String> configurationProperties, String deploymentFiles) {

        static Sources read() {
            Map<String, Set<String>> placeholders = new LinkedHashMap<>();
            for (Path file : Project.files(path -> path.contains("src/main/resources/")
                    && path.matches(".*/application[^/]*\\.ya?ml"))) {
                Matcher matcher = PLACEHOLDER.matcher(Project.read(file));
                while (matcher.find()) {
                    Set<String> defaults = placeholders.computeIfAbsent(matcher.group(1), name -> new HashSet<>());
                    String fallback = matcher.group(2);
                    if (fallback != null && !fallback.contains("${")) {
                        defaults.add(fallback);
                    }
                }
            }
            Set<String> strings = new HashSet<>();
            Map<String, String> properties = new HashMap<>();
            for (Path file : Project.files(path -> path.contains("src/main/java/") && path.endsWith(".java"))) {
                String source = Project.read(file);
                Matcher literal = STRING_LITERAL.matcher(source);
                while (literal.find()) {
                    strings.add(literal.group(1));
                }
                Matcher prefix = CONFIGURATION_PROPERTIES.matcher(source);
                while (prefix.find()) {
                    properties.merge(prefix.group(1), source, String::concat);
                }
            }
            StringBuilder deployment = new StringBuilder(Project.read("docker-compose.yml"))
                    .append(Project.read("Dockerfile"));
            Project.files(path -> path.startsWith("k8s/")).forEach(file -> deployment.append(Project.read(file)));
            return new Sources(placeholders, strings, properties, deployment.toString());
        }

        boolean reads(String variable) {
            return placeholderDefaults.containsKey(variable) || javaStrings.contains(variable)
                    || boundToConfigurationProperties(variable)
                    || Pattern.compile("\\b" + variable + "\\b").matcher(deploymentFiles).find();
        }

        /**
         * Spring binds {@code LUXE_AUTH_JWT_PUBLISHED_KEY_FILES} to {@code luxe.auth.jwt.published-key-files}: true
         * when a {@code @ConfigurationProperties("luxe.auth.jwt")} class has a {@code publishedKeyFiles} property.
         */
        private boolean boundToConfigurationProperties(String variable) {
            for (Map.Entry<String, String> entry : configurationProperties.entrySet()) {
                String prefix = entry.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "_";
                if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
                    String property = camelCase(variable.substring(prefix.length()));
                    if (Pattern.compile("\\b" + property + "\\b").matcher(entry.getValue()).find()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String camelCase(String upperSnake) {
            StringBuilder camel = new StringBuilder();
            for (String word : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
                camel.append(camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
            return camel.toString();
        }
    }
}
