package org.byon.gateway.voice;

/** The values a client may PUT on {@code /voice/sessions/{id}/status}. */
public enum StatusRequest {
    Ringing, Connected, Declined, Hold, Resume
}
