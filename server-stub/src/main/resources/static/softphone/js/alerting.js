// How the page alerts the user to an incoming call: the ringtone, the tab title and a browser
// notification (when the user allowed notifications), for as long as a call rings on this page
// and no call is in progress. Everything follows the phone's state on each 'change'.

import { displayAddress } from './call.js';
import { Ringtone } from './sounds.js';

export class Alerting {
  constructor(phone, { title = document.title } = {}) {
    this.phone = phone;
    this.baseTitle = title;
    this.ringtone = new Ringtone();
    this.notifications = new Map(); // voiceSessionId -> Notification
    this.shown = []; // every notification shown: {title, body, tag, closed} (for the user's log and the tests)
  }

  /** Asks for permission to show notifications (must be called in a user gesture). */
  static async requestPermission() {
    if (!globalThis.Notification || Notification.permission !== 'default') {
      return globalThis.Notification?.permission ?? 'unsupported';
    }
    return Notification.requestPermission();
  }

  update() {
    const ringing = this.phone.activeCall ? [] : this.phone.incomingCalls;
    if (ringing.length > 0) {
      this.ringtone.start();
      const who = displayAddress(ringing[0].remote);
      document.title = `Incoming call from ${who} · ${this.baseTitle}`;
    } else {
      this.ringtone.stop();
      document.title = this.titleInCall() || this.baseTitle;
    }
    const ids = new Set(ringing.map((c) => c.id));
    for (const call of ringing) {
      if (!this.notifications.has(call.id)) {
        this.notify(call);
      }
    }
    for (const [id, n] of this.notifications) {
      if (!ids.has(id)) {
        n.close();
        this.notifications.delete(id);
        const entry = this.shown.find((e) => e.tag === id);
        if (entry) {
          entry.closed = true;
        }
      }
    }
  }

  titleInCall() {
    const call = this.phone.activeCall;
    return call ? `In call with ${displayAddress(call.remote)} · ${this.baseTitle}` : null;
  }

  notify(call) {
    if (!globalThis.Notification || Notification.permission !== 'granted') {
      return;
    }
    const title = 'Incoming call';
    const body = `From ${displayAddress(call.remote)} — answer in the softphone tab`;
    try {
      const n = new Notification(title, { body, tag: call.id, requireInteraction: true });
      n.addEventListener('click', () => {
        window.focus();
        n.close();
      });
      this.notifications.set(call.id, n);
      this.shown.push({ title, body, tag: call.id, closed: false });
      this.phone.log('info', `Notification shown: ${title} ${body}`);
    } catch (e) {
      // some browsers allow notifications only from a service worker
      this.phone.log('warning', `No notification: ${e.message}`);
    }
  }
}
