package org.byon.gateway.racm;

/** Told when a registration ends, before {@code registration-ends} is published (voice releases its calls). */
public interface RegistrationListener {
    void registrationEnding(Registration registration, RegistrationEndReason reason);
}
