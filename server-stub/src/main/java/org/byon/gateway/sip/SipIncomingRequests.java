package org.byon.gateway.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ReasonHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.byon.gateway.network.Binding;
import org.byon.gateway.network.IncomingObserver;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.SubscriberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from the network: a new INVITE to a binding's contact becomes an {@link SipIncomingCall} offered to
 * the gateway (404 for an unknown binding, 486 when the subscriber is an occupied user, 488 for an offer that
 * is no valid SDP, 480 when the gateway has no leg for it); CANCEL (matched by the INVITE's branch) with its
 * RFC 3326 Reason; BYE and re-INVITE in a dialog; OPTIONS answered 200; anything else 405. Retransmissions
 * are absorbed by JAIN-SIP's transactions. Malformed input is answered and logged by its first line only.
 */
final class SipIncomingRequests {
    private static final Logger log = LoggerFactory.getLogger(SipIncomingRequests.class);

    private final SipMessages sip;
    private final SipProvider provider;
    private final SipRegistrar registrar;
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final long requestTimeoutMs;
    private final Supplier<NetworkHandler> handler;
    private final Map<String, SipIncomingCall> byBranch = new ConcurrentHashMap<>();

    SipIncomingRequests(SipMessages sip, SipProvider provider, SipRegistrar registrar, SubscriberDirectory directory,
                        NetworkScheduler scheduler, long requestTimeoutMs, Supplier<NetworkHandler> handler) {
        this.sip = sip;
        this.provider = provider;
        this.registrar = registrar;
        this.directory = directory;
        this.scheduler = scheduler;
        this.requestTimeoutMs = requestTimeoutMs;
        this.handler = handler;
    }

    void process(RequestEvent event) {
        Request req = event.getRequest();
        switch (req.getMethod()) {
            case Request.INVITE -> {
                Dialog d = event.getDialog();
                if (d != null && d.getApplicationData() != null) {
                    reInvite(event, d.getApplicationData());
                } else {
                    invite(event);
                }
            }
            case Request.ACK -> {
                // 2xx ACK: the dialog is confirmed; non-2xx ACKs are absorbed by the transaction
            }
            case Request.CANCEL -> cancel(event);
            case Request.BYE -> bye(event);
            case Request.OPTIONS -> reply(event, Response.OK);
            default -> reply(event, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void invite(RequestEvent event) {
        Request req = event.getRequest();
        String bindingId = req.getRequestURI() instanceof SipURI u ? u.getUser() : null;
        Binding binding = registrar.binding(bindingId);
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return; // a retransmission
        }
        if (binding == null) {
            send(st, req, Response.NOT_FOUND);
            return;
        }
        if (directory.isBusy(binding.phoneNumber())) {
            send(st, req, Response.BUSY_HERE);
            return;
        }
        String offer = SipMessages.body(req);
        if (offer == null || !SipOutgoingCall.validSdp(offer)) {
            log.info("INVITE {} for {} carries no valid SDP offer: 488", callId(req), bindingId);
            send(st, req, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        send(st, req, Response.TRYING);
        SipIncomingCall call = new SipIncomingCall(sip, provider, st, req, binding, callId(req), caller(req), offer,
                requestTimeoutMs);
        String branch = branch(req);
        if (branch != null) {
            byBranch.put(branch, call);
            scheduler.schedule(java.time.Duration.ofMinutes(5), () -> byBranch.remove(branch, call));
        }
        IncomingObserver observer = handler.get().incoming(call);
        if (observer == null) {
            call.reject(Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        call.observer = observer;
    }

    private void cancel(RequestEvent event) {
        Request req = event.getRequest();
        String branch = branch(req);
        SipIncomingCall call = branch == null ? null : byBranch.remove(branch);
        reply(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call != null) {
            ReasonHeader reason = (ReasonHeader) req.getHeader(ReasonHeader.NAME);
            int cause = reason != null && "SIP".equalsIgnoreCase(reason.getProtocol()) ? reason.getCause() : 0;
            call.cancelled(cause);
        }
    }

    private void bye(RequestEvent event) {
        Dialog d = event.getDialog();
        Object call = d == null ? null : d.getApplicationData();
        reply(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
        if (call instanceof SipOutgoingCall out) {
            out.farEndBye();
        } else if (call instanceof SipIncomingCall in) {
            in.farEndBye();
        }
    }

    /** A re-INVITE from the far end: answered on the web endpoint's behalf (on the call's serial queue). */
    private void reInvite(RequestEvent event, Object call) {
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return;
        }
        Request req = event.getRequest();
        String offer = SipMessages.body(req);
        Runnable answerIt = () -> {
            String answer = null;
            if (offer != null && SipOutgoingCall.validSdp(offer)) {
                answer = call instanceof SipOutgoingCall out ? out.farEndReOffer(offer)
                        : call instanceof SipIncomingCall in ? in.farEndReOffer(offer) : null;
            }
            try {
                Response r = sip.response(answer == null ? Response.NOT_ACCEPTABLE_HERE : Response.OK, req, null);
                if (answer != null) {
                    r.addHeader(sip.contact("gw", null));
                    sip.sdp(r, answer);
                }
                st.sendResponse(r);
            } catch (Exception e) {
                log.info("answer to re-INVITE {} not sent: {}", callId(req), e.getMessage());
            }
        };
        answerIt.run();
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (Exception e) {
            log.info("no server transaction for {} {}: {}", event.getRequest().getMethod(), callId(event.getRequest()),
                    e.getMessage());
            return null;
        }
    }

    private void reply(RequestEvent event, int code) {
        ServerTransaction st = serverTransaction(event);
        if (st != null) {
            send(st, event.getRequest(), code);
        }
    }

    private void send(ServerTransaction st, Request req, int code) {
        try {
            st.sendResponse(sip.response(code, req, code == 100 ? null : "gw" + Integer.toHexString(req.hashCode())));
        } catch (Exception e) {
            log.info("{} to {} {} not sent: {}", code, req.getMethod(), callId(req), e.getMessage());
        }
    }

    private static String callId(Request req) {
        CallIdHeader h = (CallIdHeader) req.getHeader(CallIdHeader.NAME);
        return h == null ? "?" : h.getCallId();
    }

    private static String branch(Request req) {
        ViaHeader via = (ViaHeader) req.getHeader(ViaHeader.NAME);
        return via == null ? null : via.getBranch();
    }

    /** The caller's number: P-Asserted-Identity (asserted by the network), else From. */
    private static String caller(Request req) {
        var pai = req.getHeader("P-Asserted-Identity");
        if (pai instanceof HeaderAddress h) {
            String n = SipMessages.number(h.getAddress().getURI());
            if (n != null) {
                return n;
            }
        }
        FromHeader from = (FromHeader) req.getHeader(FromHeader.NAME);
        return from == null ? null : SipMessages.number(from.getAddress().getURI());
    }
}
