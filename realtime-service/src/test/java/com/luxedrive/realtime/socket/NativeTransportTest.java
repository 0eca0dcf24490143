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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets are served by Netty's native epoll transport wherever Linux offers it (the JDK's NIO elsewhere): per write
 * it costs less CPU, and a broadcast is a write per socket.
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

            Channel channel = WebsocketChannelSeen.channel(publisher.socketsOf(user).iterator().next());
            assertThat(channel).isInstanceOf(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
        }
    }
}
