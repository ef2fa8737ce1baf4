// The WebSocket notification channel: one CloudEvent (structured JSON) per text frame.
// Tracks the per-channel `sequence` (duplicates ignored, gaps reported) and reconnects with
// `?lastSequence=N` after an unexpected close so that retained events are replayed.

const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export class EventChannel {
  /**
   * @param {string} channelURL the opaque ws:// or wss:// URL from createNotificationChannel
   * @param {{onEvent: Function, onState: Function, onWarning: Function}} handlers
   */
  constructor(channelURL, { onEvent, onState = () => {}, onWarning = () => {} }) {
    this.url = channelURL;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onWarning = onWarning;
    this.lastSequence = 0;
    this.ws = null;
    this.closedByUs = false;
    this.attempt = 0;
    this.timer = null;
  }

  /** Opens the connection; resolves once it is open (rejects if the first attempt fails). */
  open() {
    return new Promise((resolve, reject) => {
      this.#connect(resolve, reject);
    });
  }

  #connect(resolve, reject) {
    let url = this.url;
    if (this.lastSequence > 0) {
      url += `${url.includes('?') ? '&' : '?'}lastSequence=${this.lastSequence}`;
    }
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.onState('open');
      resolve?.();
    };
    ws.onmessage = (msg) => this.#receive(msg.data);
    ws.onclose = (ev) => {
      if (this.ws !== ws) {
        return;
      }
      this.ws = null;
      if (this.closedByUs) {
        this.onState('closed');
        return;
      }
      if (!opened && reject) {
        reject(new Error(`WebSocket closed before opening (code ${ev.code})`));
        return;
      }
      if (ev.code === 1000) {
        this.onState('ended'); // channel deleted or expired (after channel-ends)
      } else if (ev.code === 4404) {
        this.onState('unknown');
      } else if (ev.code === 4409) {
        this.onState('replaced'); // a newer connection took this channel over
      } else {
        this.#scheduleReconnect(ev.code);
      }
    };
  }

  #scheduleReconnect(code) {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt += 1;
    this.onState('reconnecting', { code, delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closedByUs) {
        this.#connect(null, null);
      }
    }, delay);
  }

  #receive(data) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      this.onWarning(`ignored a frame that is not JSON: ${String(data).slice(0, 80)}`);
      return;
    }
    const seq = Number(event.sequence);
    if (Number.isInteger(seq) && seq > 0) {
      if (seq <= this.lastSequence) {
        return; // redelivery
      }
      if (seq > this.lastSequence + 1) {
        this.onWarning(`events lost: sequence jumped from ${this.lastSequence} to ${seq}`);
      }
      this.lastSequence = seq;
    }
    this.onEvent(event);
  }

  close() {
    this.closedByUs = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.ws?.close(1000, 'signed out');
  }
}
