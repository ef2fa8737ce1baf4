package org.byon.gateway.sip;

import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log: only the first line and Call-ID of each message at debug level (logger
 * {@code org.byon.gateway.sip.messages}), never headers or bodies (Authorization carries digest responses).
 * Loaded by name ({@code gov.nist.javax.sip.SERVER_LOGGER}).
 */
public final class SipMessageLogger implements ServerLogger {
    private static final Logger log = LoggerFactory.getLogger("org.byon.gateway.sip.messages");

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (log.isDebugEnabled()) {
            log.debug("{} {} {} (Call-ID {})", sender ? "sent to" : "received from", sender ? to : from,
                    message.getFirstLine().trim(), message.getCallId() == null ? "?" : message.getCallId().getCallId());
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0);
    }

    @Override
    public void logException(Exception ex) {
        log.debug("SIP message: {}", ex.toString());
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
