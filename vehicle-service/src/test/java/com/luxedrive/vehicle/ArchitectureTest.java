package com.luxedrive.vehicle;

import com.luxedrive.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesAreAcyclicAndControllersNeverTouchRepositories() {
        ArchitectureRules.verify("com.luxedrive.vehicle");
    }
}
