// The page's sounds and meters on one Web Audio context: the ringtone of an incoming call
// (generated, no audio file: the UK ring cadence, 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on,
// 2 s off) and the level of the microphone during a call. Browsers start an AudioContext only
// after a user gesture, so `unlock()` is called on the user's first click or key.

const RING_CADENCE = [0.4, 0.2, 0.4, 2.0]; // on, off, on, off (seconds)
const RING_VOLUME = 0.2;

let context = null;

function audioContext() {
  if (!context && globalThis.AudioContext) {
    context = new AudioContext();
  }
  return context;
}

/** Creates (or resumes) the audio context inside a user gesture. */
export function unlock() {
  const ctx = audioContext();
  if (ctx?.state === 'suspended') {
    ctx.resume().catch(() => {});
  }
}

/** The ringtone: two sine oscillators, gated in the ring cadence, measured by an analyser. */
export class Ringtone {
  constructor() {
    this.nodes = null;
    this.analyser = null;
  }

  get playing() {
    return this.nodes !== null;
  }

  start() {
    const ctx = audioContext();
    if (!ctx || this.nodes) {
      return;
    }
    unlock();
    const gate = ctx.createGain();
    gate.gain.value = 0;
    const oscillators = [400, 450].map((hz) => {
      const o = ctx.createOscillator();
      o.frequency.value = hz;
      o.connect(gate);
      o.start();
      return o;
    });
    this.analyser = ctx.createAnalyser();
    gate.connect(this.analyser);
    this.analyser.connect(ctx.destination);
    const schedule = () => {
      // one cadence ahead, rescheduled every period
      const period = RING_CADENCE.reduce((a, b) => a + b, 0);
      let t = Math.max(ctx.currentTime, this.nextAt || 0);
      this.nextAt = t + period;
      gate.gain.setValueAtTime(RING_VOLUME, t);
      gate.gain.setValueAtTime(0, (t += RING_CADENCE[0]));
      gate.gain.setValueAtTime(RING_VOLUME, (t += RING_CADENCE[1]));
      gate.gain.setValueAtTime(0, (t += RING_CADENCE[2]));
    };
    schedule();
    const timer = setInterval(schedule, 1000 * RING_CADENCE.reduce((a, b) => a + b, 0));
    this.nodes = { gate, oscillators, timer };
  }

  stop() {
    if (!this.nodes) {
      return;
    }
    clearInterval(this.nodes.timer);
    this.nodes.oscillators.forEach((o) => o.stop());
    this.nodes.gate.disconnect();
    this.analyser.disconnect();
    this.nodes = null;
    this.nextAt = 0;
  }

  /** The peak level (0..1) of what the ringtone plays right now (0 between rings). */
  level() {
    return this.analyser ? peak(this.analyser) : 0;
  }
}

/** The level of a microphone stream (0..1), read from an analyser on a copy of its audio. */
export class LevelMeter {
  constructor() {
    this.stream = null;
    this.source = null;
    this.analyser = null;
  }

  /** Measures `stream` (null: nothing). A disabled (muted) track carries silence, so it measures 0. */
  follow(stream) {
    if (stream === this.stream) {
      return;
    }
    this.source?.disconnect();
    this.source = null;
    this.stream = stream;
    const ctx = audioContext();
    if (!stream || !ctx || stream.getAudioTracks().length === 0) {
      return;
    }
    this.analyser = this.analyser || ctx.createAnalyser();
    this.source = ctx.createMediaStreamSource(stream);
    this.source.connect(this.analyser); // not to the destination: the user must not hear themselves
  }

  level() {
    return this.source ? peak(this.analyser) : 0;
  }
}

function peak(analyser) {
  const buf = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(buf);
  let max = 0;
  for (const x of buf) {
    max = Math.max(max, Math.abs(x));
  }
  return Math.min(1, max);
}
