package org.byon.gateway.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.Origination;
import org.byon.gateway.network.OutgoingDialog;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.Sdp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call the gateway originated: the INVITE with the web endpoint's offer unchanged, its responses reported to
 * the observer (every provisional, whichever fork sent it; the first 2xx is ACKed and answers the call, any
 * later 2xx of another fork is ACKed and hung up, RFC 3261 section 13.2.2.4), a 401 / 407 challenge answered
 * with the caller's digest credentials (section 22.2-22.3; the same Call-ID, From tag and offer, the next CSeq;
 * at most twice), CANCEL before the answer (held back until a provisional arrived, section 9.1), BYE after it,
 * re-INVITE for hold / resume. A guard timer
 * cancels an INVITE left without a final response ({@code byon.sip.invite-timeout}): 408 when the far end rang,
 * 504 when nothing answered at all. Exactly one outcome (answered or failed) reaches the observer.
 */
final class SipOutgoingCall implements OutgoingDialog, ResponseHandler {
    private static final Logger log = LoggerFactory.getLogger(SipOutgoingCall.class);
    private static final int MAX_CHALLENGES = 2;

    enum State { CALLING, CONNECTED, ENDED }

    private final SipMessages sip;
    private final SipProvider provider;
    private final OutgoingObserver observer;
    private final long requestTimeoutMs;
    private final AuthenticationHelper auth;
    private final String subscriberNumber;
    private int challenges;
    private ClientTransaction invite;
    private Dialog dialog;
    private State state = State.CALLING;
    private boolean provisional;
    private boolean cancelWanted;
    private ScheduledFuture<?> guard;

    /**
     * @param auth             answers digest challenges (JAIN-SIP's helper, with the credentials of the caller)
     * @param subscriberNumber the caller's number, whose subscriber's credentials answer a challenge; null: none
     */
    SipOutgoingCall(SipMessages sip, SipProvider provider, OutgoingObserver observer, long requestTimeoutMs,
                    AuthenticationHelper auth, String subscriberNumber) {
        this.sip = sip;
        this.provider = provider;
        this.observer = observer;
        this.requestTimeoutMs = requestTimeoutMs;
        this.auth = auth;
        this.subscriberNumber = subscriberNumber;
    }

    @Override
    public String subscriberNumber() {
        return subscriberNumber;
    }

    /** Sends the INVITE (Call-ID = the gateway's call id, so a fork back to our own bindings is recognised). */
    void start(Origination o, String bindingId, NetworkScheduler scheduler, Duration inviteTimeout) {
        try {
            Address from = sip.addresses.createAddress(sip.identity(o.callerNumber()));
            Address to = sip.addresses.createAddress(sip.target(o.calleeAddress(), o.calleeNumber()));
            Request req = sip.request(Request.INVITE, to.getURI(), from, to, o.callId(), 1);
            req.addHeader(sip.contact(bindingId, null));
            req.addHeader(sip.headers.createHeader("P-Preferred-Identity", "<" + sip.identity(o.callerNumber()) + ">"));
            sip.sdp(req, o.offer());
            ClientTransaction ct = provider.getNewClientTransaction(req);
            ct.setApplicationData(this);
            synchronized (this) {
                invite = ct;
                dialog = ct.getDialog();
                guard = scheduler.schedule(inviteTimeout, this::guardFired);
            }
            ct.sendRequest();
        } catch (Exception e) {
            log.info("INVITE for call {} not sent: {}", o.callId(), e.getMessage());
            scheduler.execute(() -> fail(503));
        }
    }

    @Override
    public void response(ResponseEvent event) {
        Response r = event.getResponse();
        int code = r.getStatusCode();
        if (code < 200) {
            boolean sendCancel;
            synchronized (this) {
                provisional = true;
                sendCancel = cancelWanted && state == State.ENDED;
                if (!sendCancel && state != State.CALLING) {
                    return;
                }
            }
            if (sendCancel) {
                sendCancel();
            } else if (code > 100) {
                observer.provisional(code, earlyAnswer(r));
            }
            return;
        }
        if (code / 100 == 2) {
            answered(event, r);
            return;
        }
        if ((code == 401 || code == 407) && answerChallenge(event)) {
            return;
        }
        fail(code);
    }

    /** Re-sends the INVITE with credentials for the challenge; false when it cannot (then the call fails). */
    private boolean answerChallenge(ResponseEvent event) {
        synchronized (this) {
            if (state != State.CALLING || subscriberNumber == null || challenges >= MAX_CHALLENGES
                    || event.getClientTransaction() != invite) {
                return false;
            }
            challenges++;
        }
        try {
            ClientTransaction next = auth.handleChallenge(event.getResponse(), event.getClientTransaction(), provider,
                    5);
            next.setApplicationData(this);
            synchronized (this) {
                if (state != State.CALLING) {
                    return true; // cancelled meanwhile: the outcome is already reported, nothing more is sent
                }
                invite = next;
                dialog = next.getDialog();
                provisional = false; // a CANCEL waits for a provisional response of the new INVITE
            }
            next.sendRequest();
            return true;
        } catch (Exception e) {
            log.info("digest challenge of the INVITE for {} not answered: {}", subscriberNumber,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private void answered(ResponseEvent event, Response r) {
        Dialog d = event.getDialog();
        try {
            long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            d.sendAck(d.createAck(cseq));
        } catch (Exception e) {
            log.info("ACK not sent: {}", e.getMessage());
        }
        boolean first;
        synchronized (this) {
            first = state == State.CALLING;
            if (first) {
                state = State.CONNECTED;
                dialog = d;
                cancelGuard();
            }
        }
        if (!first) {
            if (d != null && d != dialogNow()) {
                SipDialogs.bye(provider, d); // a later 2xx of another fork, or a 2xx crossing our CANCEL
            } else if (d != null && cancelWantedNow()) {
                SipDialogs.bye(provider, d);
            }
            return;
        }
        d.setApplicationData(this);
        String answer = SipMessages.body(r);
        if (answer == null) {
            SipDialogs.bye(provider, d);
            synchronized (this) {
                state = State.ENDED;
            }
            observer.failed(488);
            return;
        }
        observer.answered(answer);
    }

    private synchronized Dialog dialogNow() {
        return state == State.CONNECTED ? dialog : null;
    }

    private synchronized boolean cancelWantedNow() {
        return cancelWanted;
    }

    private void fail(int code) {
        synchronized (this) {
            if (state != State.CALLING) {
                return;
            }
            state = State.ENDED;
            cancelGuard();
        }
        observer.failed(code);
    }

    @Override
    public void timeout() {
        fail(provisionalSeen() ? 408 : 504);
    }

    private synchronized boolean provisionalSeen() {
        return provisional;
    }

    private void guardFired() {
        boolean ringing;
        synchronized (this) {
            if (state != State.CALLING) {
                return;
            }
            ringing = provisional;
            cancelWanted = true;
        }
        if (ringing) {
            sendCancel();
        }
        fail(ringing ? 408 : 504);
    }

    private void cancelGuard() {
        if (guard != null) {
            guard.cancel(false);
        }
    }

    @Override
    public void cancel() {
        boolean now;
        synchronized (this) {
            if (state != State.CALLING) {
                return;
            }
            state = State.ENDED;
            cancelWanted = true;
            cancelGuard();
            now = provisional;
        }
        if (now) {
            sendCancel();
        }
    }

    private void sendCancel() {
        try {
            Request cancel = invite.createCancel();
            ClientTransaction ct = provider.getNewClientTransaction(cancel);
            ct.setApplicationData(SipDialogs.IGNORE);
            ct.sendRequest();
        } catch (Exception e) {
            log.info("CANCEL not sent: {}", e.getMessage());
        }
    }

    @Override
    public void bye() {
        Dialog d;
        synchronized (this) {
            if (state != State.CONNECTED) {
                return;
            }
            state = State.ENDED;
            d = dialog;
        }
        SipDialogs.bye(provider, d);
    }

    @Override
    public String reOffer(String offer) {
        Dialog d = dialogNow();
        return SipDialogs.reInvite(sip, provider, d, offer, requestTimeoutMs);
    }

    /** The far end hung up (BYE in our dialog). */
    void farEndBye() {
        synchronized (this) {
            if (state != State.CONNECTED) {
                return;
            }
            state = State.ENDED;
        }
        observer.hungUp();
    }

    /** The far end re-offers; the gateway's answer or null (488). */
    String farEndReOffer(String offer) {
        if (dialogNow() == null || offer == null) {
            return null;
        }
        return observer.reOffered(offer);
    }

    /** The SDP of a provisional response (early media), or null: none, or one that is no valid SDP (logged). */
    private String earlyAnswer(Response r) {
        String sdp = SipMessages.body(r);
        if (sdp == null) {
            return null;
        }
        if (!validSdp(sdp)) {
            log.info("{} {} carries no valid SDP: its early answer is ignored", r.getStatusCode(),
                    r.getReasonPhrase());
            return null;
        }
        return sdp;
    }

    static boolean validSdp(String sdp) {
        try {
            Sdp.check(sdp, "sdp");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
