package org.byon.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.network.simulated.ExternalBehaviour;
import org.junit.jupiter.api.Test;

class NetworkTest {
    static final String OFFER = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n";

    @Test
    void addressesYieldTheirE164Number() {
        assertThat(PhoneNumbers.numberOf("tel:+447700900001")).contains("+447700900001");
        assertThat(PhoneNumbers.numberOf("sip:+447700900002@ims.example.org;user=phone")).contains("+447700900002");
        assertThat(PhoneNumbers.numberOf("+447700900003")).contains("+447700900003");
        assertThat(PhoneNumbers.numberOf("sip:bob@example.org")).isEmpty();
        assertThat(PhoneNumbers.numberOf("tel:0044")).isEmpty();
    }

    @Test
    void sdpWithoutAudioIsRejectedNamingWhatIsMissing() {
        Sdp.check(OFFER, "offer.sdp");
        assertThatThrownBy(() -> Sdp.check("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=video 1 RTP/AVP 96\r\n",
                "offer.sdp")).isInstanceOf(ByonException.class).hasMessageContaining("m=audio");
        assertThatThrownBy(() -> Sdp.check("hello", "answer.sdp")).hasMessageContaining("v=")
                .hasMessageContaining("o=").hasMessageContaining("answer.sdp");
    }

    @Test
    void simulatedAnswerKeepsTheOffersAudioLine() {
        String answer = Sdp.answerFor(OFFER);
        Sdp.check(answer, "answer");
        assertThat(answer).contains("m=audio 5004 RTP/AVP 0");
    }

    @Test
    void busyWhileInACallOrWithABusySmartphone() {
        SubscriberDirectory d = new SubscriberDirectory(SubscriberDirectory.DEMO);
        assertThat(d.isBusy("+447700900001")).isFalse();
        d.callStarted("+447700900001");
        assertThat(d.isBusy("+447700900001")).isTrue();
        d.callEnded("+447700900001");
        assertThat(d.isBusy("+447700900001")).isFalse();
        d.setSmartphone("+447700900002", SmartphoneMode.BUSY);
        assertThat(d.isBusy("+447700900002")).isTrue();
    }

    @Test
    void externalTestNumbersHaveFixedBehaviour() {
        assertThat(ExternalBehaviour.of("+447700900100")).contains(ExternalBehaviour.ANSWER);
        assertThat(ExternalBehaviour.of("+447700900101")).contains(ExternalBehaviour.BUSY);
        assertThat(ExternalBehaviour.of("+447700900102")).contains(ExternalBehaviour.NO_ANSWER);
        assertThat(ExternalBehaviour.of("+447700900103")).contains(ExternalBehaviour.DECLINE);
        assertThat(ExternalBehaviour.of("+447700900555")).isEmpty();
    }

    @Test
    void duplicateSubscribersAreRefused() {
        assertThatThrownBy(() -> new SubscriberDirectory(List.of(new Subscriber("a", "s", "+447700900001"),
                new Subscriber("b", "s", "+447700900001")))).isInstanceOf(IllegalArgumentException.class);
    }
}
