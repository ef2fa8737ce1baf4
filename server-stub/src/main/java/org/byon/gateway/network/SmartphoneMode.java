package org.byon.gateway.network;

/** What a subscriber's simulated smartphone does when a call comes in. */
public enum SmartphoneMode {
    /** Rings, never answers (the default). */
    IDLE,
    /** In a call: the subscriber is busy. */
    BUSY,
    /** Answers after about one second. */
    ANSWER,
    /** Rings, then declines after about one second. */
    DECLINE,
    /** Not attached to the network: does not ring. */
    OFF
}
