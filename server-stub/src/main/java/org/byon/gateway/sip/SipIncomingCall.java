package org.byon.gateway.sip;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.byon.gateway.network.Binding;
import org.byon.gateway.network.IncomingCall;
import org.byon.gateway.network.IncomingObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An INVITE the network forked to one binding: 180 on ring, 200 with the answer and the binding's contact,
 * a final refusal (603, 486, 480), BYE and re-INVITE once answered; the network's CANCEL (487 to the INVITE)
 * and BYE go to the observer. One to-tag for every response. Exactly one terminal step happens.
 */
final class SipIncomingCall implements IncomingCall {
    private static final Logger log = LoggerFactory.getLogger(SipIncomingCall.class);

    enum State { OFFERED, ANSWERED, ENDED }

    private final SipMessages sip;
    private final SipProvider provider;
    private final ServerTransaction st;
    private final Request invite;
    private final Binding binding;
    private final String networkCallId;
    private final String callerNumber;
    private final String offer;
    private final String toTag = Long.toHexString(Double.doubleToLongBits(Math.random()));
    private final long requestTimeoutMs;
    private State state = State.OFFERED;
    private Dialog dialog;
    volatile IncomingObserver observer;

    SipIncomingCall(SipMessages sip, SipProvider provider, ServerTransaction st, Request invite, Binding binding,
                    String networkCallId, String callerNumber, String offer, long requestTimeoutMs) {
        this.sip = sip;
        this.provider = provider;
        this.st = st;
        this.invite = invite;
        this.binding = binding;
        this.networkCallId = networkCallId;
        this.callerNumber = callerNumber;
        this.offer = offer;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public String networkCallId() {
        return networkCallId;
    }

    @Override
    public String bindingId() {
        return binding.id();
    }

    @Override
    public String callerNumber() {
        return callerNumber;
    }

    @Override
    public String calleeNumber() {
        return binding.phoneNumber();
    }

    @Override
    public String offer() {
        return offer;
    }

    private synchronized boolean offered() {
        return state == State.OFFERED;
    }

    @Override
    public void ring() {
        if (offered()) {
            respond(Response.RINGING, null);
        }
    }

    @Override
    public void answer(String answer) {
        synchronized (this) {
            if (state != State.OFFERED) {
                return;
            }
            state = State.ANSWERED;
        }
        if (respond(Response.OK, answer)) {
            synchronized (this) {
                dialog = st.getDialog();
            }
            if (dialog != null) {
                dialog.setApplicationData(this);
            }
        }
    }

    @Override
    public void reject(int code) {
        synchronized (this) {
            if (state != State.OFFERED) {
                return;
            }
            state = State.ENDED;
        }
        respond(code, null);
    }

    @Override
    public void bye() {
        Dialog d;
        synchronized (this) {
            if (state != State.ANSWERED) {
                return;
            }
            state = State.ENDED;
            d = dialog;
        }
        SipDialogs.bye(provider, d);
    }

    @Override
    public String reOffer(String newOffer) {
        Dialog d;
        synchronized (this) {
            d = state == State.ANSWERED ? dialog : null;
        }
        return SipDialogs.reInvite(sip, provider, d, newOffer, requestTimeoutMs);
    }

    /** The network's CANCEL: 487 to the INVITE, then the observer hears the cause (RFC 3326 Reason). */
    void cancelled(int cause) {
        synchronized (this) {
            if (state != State.OFFERED) {
                return;
            }
            state = State.ENDED;
        }
        respond(Response.REQUEST_TERMINATED, null);
        IncomingObserver o = observer;
        if (o != null) {
            o.cancelled(cause == 200, cause);
        }
    }

    void farEndBye() {
        synchronized (this) {
            if (state != State.ANSWERED) {
                return;
            }
            state = State.ENDED;
        }
        IncomingObserver o = observer;
        if (o != null) {
            o.hungUp();
        }
    }

    String farEndReOffer(String newOffer) {
        IncomingObserver o = observer;
        synchronized (this) {
            if (state != State.ANSWERED || o == null || newOffer == null) {
                return null;
            }
        }
        return o.reOffered(newOffer);
    }

    private boolean respond(int code, String sdp) {
        try {
            Response r = sip.response(code, invite, toTag);
            if (code / 100 == 2 || code == Response.RINGING) {
                r.addHeader(sip.contact(binding.id(), null));
            }
            if (sdp != null) {
                sip.sdp(r, sdp);
            }
            st.sendResponse(r);
            return true;
        } catch (Exception e) {
            log.info("{} to the INVITE of call {} not sent: {}", code, networkCallId, e.getMessage());
            return false;
        }
    }
}
