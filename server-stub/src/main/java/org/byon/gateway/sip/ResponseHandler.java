package org.byon.gateway.sip;

import javax.sip.ResponseEvent;

/** What a client transaction does with its responses; attached to the transaction as application data. */
interface ResponseHandler {
    void response(ResponseEvent event);

    /** No final response in time (JAIN-SIP's transaction timeout). */
    void timeout();

    /** The phone number of the subscriber whose credentials answer a digest challenge, or null. */
    default String subscriberNumber() {
        return null;
    }
}
