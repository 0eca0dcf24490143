package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Closing a socket at once closes its connection, not only its session: netty-socketio's disconnect closes the
 * connection once its DISCONNECT packet is written, and for a client that stopped reading that is never.
 */
class SocketCloseTest {

    @Test
    void aWebsocketIsClosedAtOnceEvenWhenItsDisconnectPacketCannotBeWritten() {
        EmbeddedChannel websocket = new EmbeddedChannel();
        NamespaceClient socket = mock(NamespaceClient.class);
        // netty-socketio's client, whose DISCONNECT waits behind what the client never read: it closes nothing
        ClientHead head = mock(ClientHead.class);
        when(socket.getBaseClient()).thenReturn(head);
        when(head.isConnected()).thenReturn(true);
        Map<String, Object> store = new ConcurrentHashMap<>(Map.of(WebsocketChannelSeen.CHANNEL, websocket));
        when(socket.get(anyString())).thenAnswer(call -> store.get(call.<String>getArgument(0)));

        SocketClose.now(socket);

        verify(head).disconnect();
        assertThat(websocket.isOpen()).isFalse();
    }
}
