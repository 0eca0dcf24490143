package com.luxedrive.realtime.socket;

import com.luxedrive.realtime.RawEngineSocket;
import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that vanishes (a phone off the network) resets its connection: the server lets it go, logging no error. */
@SpringBootTest
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class PeerResetsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    SocketServer server;

    @Test
    void aClientResettingItsConnectionIsLetGoWithoutAnErrorLogged(CapturedOutput output) throws Exception {
        RawEngineSocket vanishing = RawEngineSocket.open(server.port());
        await().atMost(WAIT).until(() -> vanishing.arrivalOf("0{").isPresent());
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(vanishing.frames().get(0));
        assertThat(sid.find()).isTrue();
        UUID session = UUID.fromString(sid.group(1));
        vanishing.send("40");
        await().atMost(WAIT).until(() -> server.server().getClient(session) != null);

        vanishing.reset();

        await().atMost(WAIT).until(() -> server.server().getClient(session) == null);
        assertThat(output.getAll()).doesNotContain("Connection reset");
        assertThat(server.isRunning()).isTrue();
    }
}
