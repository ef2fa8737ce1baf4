package org.byon.gateway.network;

/** The gateway's side of a call it originated. Every method may be called once the call has ended (a no-op). */
public interface OutgoingDialog {
    /** The caller gives up before the answer (CANCEL). */
    void cancel();

    /** The caller hangs up after the answer (BYE). */
    void bye();

    /**
     * A new offer in the dialog (re-INVITE for hold / resume); returns the far end's answer.
     *
     * @throws NetworkRefusal when the far end does not accept it
     */
    String reOffer(String offer);
}
