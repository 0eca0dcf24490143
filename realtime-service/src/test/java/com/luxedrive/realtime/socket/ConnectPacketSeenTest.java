package com.luxedrive.realtime.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectPacketSeenTest {

    @Test
    void findsTheConnectInAWebsocketFrameOrAnywhereInAPollingBody() {
        assertThat(ConnectPacketSeen.carriesConnect(text("40"))).isTrue();
        assertThat(ConnectPacketSeen.carriesConnect(text("40{\"token\":\"t\"}"))).isTrue();
        assertThat(ConnectPacketSeen.carriesConnect(text("3\u001e40{\"token\":\"t\"}"))).isTrue();
    }

    @Test
    void otherPacketsAreNotAConnect() {
        assertThat(ConnectPacketSeen.carriesConnect(text("42[\"user:login\",{\"token\":\"40\"}]"))).isFalse();
        assertThat(ConnectPacketSeen.carriesConnect(text("3"))).isFalse();
        assertThat(ConnectPacketSeen.carriesConnect(text("41"))).isFalse();
        assertThat(ConnectPacketSeen.carriesConnect(text("4"))).isFalse();
        assertThat(ConnectPacketSeen.carriesConnect(text(""))).isFalse();
    }

    @Test
    void leavesTheBufferAsItWas() {
        ByteBuf content = text("3\u001e40");
        content.readByte();
        int reader = content.readerIndex();

        assertThat(ConnectPacketSeen.carriesConnect(content)).isTrue();
        assertThat(content.readerIndex()).isEqualTo(reader);
    }

    private static ByteBuf text(String payload) {
        return Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8);
    }
}
