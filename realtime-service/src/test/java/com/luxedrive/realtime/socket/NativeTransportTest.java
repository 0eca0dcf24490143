package com.luxedrive.realtime.socket;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets are served by Netty's native epoll transport on Linux (the JDK's NIO elsewhere): it greets a connect storm
 * faster (docs/performance.md, Realtime). On Linux for the architectures the images are built for, the native library
 * must load — a build that left it out would otherwise pass here on NIO.
 */
@SpringBootTest
@RealInfrastructure
class NativeTransportTest {

    @Autowired
    SocketServer server;

    @Autowired
    SocketPublisher publisher;

    @Test
    void aSocketIsServedByTheNativeTransportWhereTheSystemHasIt() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.connect("http://127.0.0.1:" + server.port(), TestTokens.client(user))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !socket.events("user:login-success").isEmpty());

            if (linuxAsInTheImages()) {
                assertThat(Epoll.isAvailable()).as("native epoll: %s", Epoll.unavailabilityCause()).isTrue();
            }
            Channel channel = WebsocketChannelSeen.channel(publisher.socketsOf(user).iterator().next());
            assertThat(channel).isInstanceOf(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
        }
    }

    private static boolean linuxAsInTheImages() {
        return System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
    }
}
