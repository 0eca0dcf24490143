package com.luxedrive.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout rules every service keeps (STYLE.md): feature packages without cycles, controllers that never reach a
 * repository, and no service reaching into another's code. A service's test calls {@link #verify(String)}.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** @param servicePackage e.g. {@code com.luxedrive.auth} */
    public static void verify(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        for (ArchRule rule : rules(servicePackage)) {
            rule.check(classes);
        }
    }

    static java.util.List<ArchRule> rules(String servicePackage) {
        return java.util.List.of(
                SlicesRuleDefinition.slices().matching(servicePackage + ".(*)..")
                        .should().beFreeOfCycles()
                        .allowEmptyShould(true),
                noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                "org.springframework.data.repository..", "org.springframework.jdbc..", "jakarta.persistence..")
                        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(servicePackage + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(otherServices(servicePackage))
                        .allowEmptyShould(true));
    }

    private static String[] otherServices(String servicePackage) {
        return java.util.stream.Stream.of("auth", "vehicle", "notification", "realtime", "gateway")
                .map(name -> "com.luxedrive." + name + "..")
                .filter(pattern -> !pattern.equals(servicePackage + ".."))
                .toArray(String[]::new);
    }
}
