package org.byon.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Generated types stay at the edge: the domain, the network and the stores never import them. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.byon.gateway");

    @Test
    void domainNeverImportsGeneratedTypes() {
        noClasses().that().resideInAnyPackage("org.byon.gateway.network..", "org.byon.gateway.voice..",
                        "org.byon.gateway.racm..", "org.byon.gateway.channel..", "org.byon.gateway.common..",
                        "org.byon.gateway.faults..")
                .should().dependOnClassesThat().resideInAnyPackage("org.byon.gateway.web.model..",
                        "org.byon.gateway.web.api..")
                .check(CLASSES);
    }

    @Test
    void networkHasNoSpringWeb() {
        noClasses().that().resideInAPackage("org.byon.gateway.network..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..",
                        "org.byon.gateway.web..", "org.byon.gateway.voice..", "org.byon.gateway.racm..",
                        "org.byon.gateway.channel..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotDependOnTheWebLayer() {
        noClasses().that().resideInAnyPackage("org.byon.gateway.voice..", "org.byon.gateway.racm..",
                        "org.byon.gateway.channel..", "org.byon.gateway.network..")
                .should().dependOnClassesThat().resideInAnyPackage("org.byon.gateway.web..",
                        "org.byon.gateway.simulator..", "org.byon.gateway.auth..")
                .check(CLASSES);
    }

    @Test
    void voiceAndRacmTalkOnlyToTheImsPort() {
        noClasses().that().resideInAnyPackage("org.byon.gateway.voice..", "org.byon.gateway.racm..")
                .should().dependOnClassesThat().resideInAnyPackage("org.byon.gateway.network.simulated..",
                        "org.byon.gateway.sip..", "javax.sip..", "javax.sdp..", "gov.nist..")
                .check(CLASSES);
    }

    @Test
    void thePortKnowsNoAdapter() {
        noClasses().that().resideInAPackage("org.byon.gateway.network")
                .should().dependOnClassesThat().resideInAnyPackage("org.byon.gateway.network.simulated..",
                        "org.byon.gateway.sip..", "javax.sip..", "gov.nist..")
                .check(CLASSES);
    }
}
