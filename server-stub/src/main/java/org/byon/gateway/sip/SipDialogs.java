package org.byon.gateway.sip;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.byon.gateway.network.NetworkRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-dialog requests both call directions share: BYE and the re-INVITE (hold / resume) with its answer. */
final class SipDialogs {
    private static final Logger log = LoggerFactory.getLogger(SipDialogs.class);

    private SipDialogs() {
    }

    /** BYE on a confirmed dialog; best effort (a failure is logged, the call ends here anyway). */
    static void bye(SipProvider provider, Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            ct.setApplicationData(IGNORE);
            dialog.sendRequest(ct);
        } catch (Exception e) {
            log.info("BYE not sent on dialog {}: {}", dialog.getCallId().getCallId(), e.getMessage());
        }
    }

    /** A re-INVITE with the new offer; waits for the final response, ACKs a 2xx and returns its SDP. */
    static String reInvite(SipMessages sip, SipProvider provider, Dialog dialog, String offer, long timeoutMs) {
        if (dialog == null) {
            throw new NetworkRefusal(481, "Call/Transaction Does Not Exist", false);
        }
        CompletableFuture<Response> done = new CompletableFuture<>();
        try {
            Request invite = dialog.createRequest(Request.INVITE);
            sip.sdp(invite, offer);
            ClientTransaction ct = provider.getNewClientTransaction(invite);
            ct.setApplicationData(new ResponseHandler() {
                @Override
                public void response(ResponseEvent event) {
                    if (event.getResponse().getStatusCode() >= 200) {
                        done.complete(event.getResponse());
                    }
                }

                @Override
                public void timeout() {
                    done.complete(null);
                }
            });
            dialog.sendRequest(ct);
            Response r = done.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new NetworkRefusal(408, "Request Timeout", true);
            }
            if (r.getStatusCode() / 100 != 2) {
                throw new NetworkRefusal(r.getStatusCode(), r.getReasonPhrase(), false);
            }
            long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
            String answer = SipMessages.body(r);
            if (answer == null) {
                throw new NetworkRefusal(488, "no SDP answer", false);
            }
            return answer;
        } catch (NetworkRefusal e) {
            throw e;
        } catch (TimeoutException e) {
            throw new NetworkRefusal(408, "Request Timeout", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkRefusal(408, "interrupted", true);
        } catch (Exception e) {
            throw new NetworkRefusal(500, "re-INVITE failed: " + e.getClass().getSimpleName(), false);
        }
    }

    /** For requests whose responses need nothing. */
    static final ResponseHandler IGNORE = new ResponseHandler() {
        @Override
        public void response(ResponseEvent event) {
        }

        @Override
        public void timeout() {
        }
    };
}
