package com.luxedrive.auth;

import com.luxedrive.testsupport.Infrastructure;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.ServiceInstances;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first admin, created from the environment on a database without one. */
@RealInfrastructure
class BootstrapAdminTest {

    /** The most powerful account's password passes the policy every other one does, or the service does not start. */
    @Test
    void aWeakBootstrapPasswordStopsTheStartWithItsReason() {
        String database = Infrastructure.get().createDatabase("bootstrap_auth");
        assertThatThrownBy(() -> ServiceInstances.start(AuthServiceApplication.class, database, Map.of(
                "luxe.bootstrap.admin.email", "root@luxe.test", "luxe.bootstrap.admin.password", "password1")).close())
                .hasStackTraceContaining("LUXE_BOOTSTRAP_ADMIN_PASSWORD: the password must be 10 to 128 characters");
    }
}
