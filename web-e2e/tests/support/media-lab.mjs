// The IMS lab with media (ims-lab/rtpengine/media-lab.sh: rtpengine driven by Kamailio, baresip phones),
// a client for baresip's ctrl_tcp (netstring JSON), and sox measurements of what a phone recorded.

import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, targetDir } from './gateway.mjs';

const run = promisify(execFile);
const script = path.join(repoRoot, 'ims-lab', 'rtpengine', 'media-lab.sh');

/** A free UDP port on 127.0.0.1 (the gateway's SIP port must be known before the lab starts). */
export function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.on('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the media lab; `env` is its settings. Returns the lab's lab.env and a stop function. */
export async function startMediaLab(env) {
  const dir = path.join(targetDir, 'media-lab');
  mkdirSync(dir, { recursive: true });
  await run(script, ['stop', dir]).catch(() => {});
  await run(script, ['start', dir], { env: { ...process.env, ...env }, timeout: 60_000 });
  const vars = Object.fromEntries(
    readFileSync(path.join(dir, 'lab.env'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { dir, env: vars, stop: () => run(script, ['stop', dir], { timeout: 30_000 }) };
}

/** A baresip phone driven over ctrl_tcp; every event it reports is kept in `events`. */
export class Baresip {
  constructor(name, port, dir) {
    this.name = name;
    this.port = port;
    this.dir = dir;
    this.events = [];
    this.waiters = [];
    this.buf = Buffer.alloc(0);
  }

  async connect() {
    this.socket = await new Promise((resolve, reject) => {
      const s = net.createConnection({ host: '127.0.0.1', port: this.port }, () => resolve(s));
      s.on('error', reject);
    });
    this.socket.on('data', (d) => this.onData(d));
    return this;
  }

  onData(chunk) {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const colon = this.buf.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buf.subarray(0, colon).toString());
      if (this.buf.length < colon + 1 + len + 1) return;
      const msg = JSON.parse(this.buf.subarray(colon + 1, colon + 1 + len).toString());
      this.buf = this.buf.subarray(colon + 1 + len + 1);
      this.events.push(msg);
      // the phone's event log (ctrl_tcp events: calls, DTMF digits received, ...)
      appendFileSync(path.join(this.dir, 'events.log'), `${new Date().toISOString()} ${JSON.stringify(msg)}\n`);
      for (const w of [...this.waiters]) {
        if (w.match(msg)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    }
  }

  /** Sends a command (dial, accept, hangup, hold, resume, ...) and waits for its response. */
  async command(command, params = '') {
    const token = `${command}-${Date.now()}-${Math.random()}`;
    const reply = this.waitFor((m) => m.response && m.token === token, 10_000, `response to ${command}`);
    const body = Buffer.from(JSON.stringify({ command, params, token }));
    this.socket.write(`${body.length}:${body},`);
    const r = await reply;
    if (!r.ok) throw new Error(`baresip ${this.name}: ${command} ${params} failed: ${r.data}`);
    return r;
  }

  /** Waits for a message matching `match` that arrives from now on (or has arrived since `since`). */
  waitFor(match, timeout = 15_000, what = 'event', since = null) {
    if (since !== null) {
      const seen = this.events.slice(since).find(match);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          const types = this.events.filter((e) => e.event).map((e) => e.type).slice(-15).join(', ');
          reject(new Error(`baresip ${this.name}: no ${what} within ${timeout} ms (last events: ${types})`));
        }
      }, timeout);
    });
  }

  waitForEvent(type, timeout, since = null) {
    return this.waitFor((m) => m.event && m.type === type, timeout, type, since);
  }

  /** The recording (what the phone heard) of its latest call: sndfile's dump-*-dec.wav. */
  latestRecording() {
    const files = readdirSync(this.dir)
      .filter((f) => f.endsWith('-dec.wav'))
      .map((f) => path.join(this.dir, f))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
    return files.at(-1) ?? null;
  }

  /** The phone's event log (what ctrl_tcp reported: calls, received DTMF digits). */
  eventLog() {
    return readFileSync(path.join(this.dir, 'events.log'), 'utf8');
  }

  close() {
    this.socket?.destroy();
  }
}

/** `sox FILE -n stat`: RMS amplitude, maximum amplitude, rough frequency and length of a recording. */
export async function soxStat(file) {
  const { stderr } = await run('sox', [file, '-n', 'stat']);
  const value = (label) => {
    const m = new RegExp(`^${label}:\\s+(-?[0-9.]+)`, 'm').exec(stderr);
    return m ? Number(m[1]) : NaN;
  };
  return {
    seconds: value('Length \\(seconds\\)'),
    rms: value('RMS\\s+amplitude'),
    max: value('Maximum amplitude'),
    frequency: value('Rough\\s+frequency'),
  };
}

/** A sine WAV for Chromium's fake microphone (--use-file-for-fake-audio-capture). */
export async function sineWav(file, hz, seconds = 20) {
  mkdirSync(path.dirname(file), { recursive: true });
  await run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, 'synth', String(seconds), 'sine', String(hz), 'gain', '-6']);
  return file;
}
