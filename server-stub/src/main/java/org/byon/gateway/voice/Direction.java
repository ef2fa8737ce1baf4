package org.byon.gateway.voice;

/** Whether the web endpoint placed or receives the call. */
public enum Direction {
    Outgoing, Incoming
}
