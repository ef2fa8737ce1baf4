package org.byon.client.internal;

import org.byon.client.CallStatus;

/**
 * Decides whether an update may replace a call's status, so that the status never goes backwards
 * however events and responses race (a {@code POST} response read after the events it preceded once
 * produced {@code RINGING -> IN_PROGRESS -> RINGING}):
 * <ul>
 *   <li>statuses are ranked {@code INITIAL < IN_PROGRESS < RINGING < CONNECTED = HOLD < terminal};
 *       nothing moves to a lower rank, and a terminal status is final;</li>
 *   <li>events apply in channel {@code sequence} order: an event at or below the last applied
 *       sequence is stale;</li>
 *   <li>within one rank ({@code CONNECTED <-> HOLD}) a response applies only if no event was applied
 *       while its request was in flight (the event is newer than the response's snapshot).</li>
 * </ul>
 * Stateless.
 */
final class StatusOrder {

    private StatusOrder() {
    }

    static int rank(CallStatus s) {
        if (s.isTerminal()) {
            return 5;
        }
        return switch (s) {
            case INITIAL -> 0;
            case IN_PROGRESS -> 1;
            case RINGING -> 2;
            case CONNECTED, HOLD -> 3;
            default -> -1; // UNKNOWN: any known status may follow it
        };
    }

    /**
     * @param current        the call's status
     * @param lastSequence   the last event sequence applied to the call, 0 before the first
     * @param update         the candidate
     * @param eventsInFlight whether events were applied since the response's request was sent
     *                       (ignored for events)
     */
    static boolean accepts(CallStatus current, long lastSequence, StatusUpdate update, boolean eventsInFlight) {
        if (current.isTerminal()) {
            return false;
        }
        if (update.fromEvent() && update.sequence() > 0 && update.sequence() <= lastSequence) {
            return false;
        }
        int now = rank(current);
        int next = rank(update.status());
        if (update.status() == CallStatus.UNKNOWN) {
            // a newer gateway's value: shown when an event says so, or when nothing is known yet
            return update.fromEvent() || now <= 0;
        }
        if (next != now) {
            return next > now;
        }
        return update.fromEvent() || update.status() == current || !eventsInFlight;
    }
}
