// The phone-like parts of the page, bound to the DOM: the call card's timer, mute button, keypad
// (DTMF) and microphone level meter; the incoming-call alerting (ringtone, title, notification);
// and the call history. ui.js renders the rest; both follow the phone's 'change' events.

import { Alerting } from './alerting.js';
import { CallHistory, formatDuration, renderHistory } from './history.js';
import { LevelMeter, unlock } from './sounds.js';

const TICK_MS = 100;
const METER_DECAY = 0.7;
const METER_RANGE_DB = 60; // the meter falls back smoothly between syllables (or beeps)

const $ = (id) => document.getElementById(id);

/** A peak level (0..1) on the meter's decibel scale: -60 dBFS and below show empty, 0 dBFS full. */
export function meterScale(peak) {
  return peak > 0 ? Math.min(1, Math.max(0, (20 * Math.log10(peak) + METER_RANGE_DB) / METER_RANGE_DB)) : 0;
}

export function bindCallCard(phone, act, { dial }) {
  const alerting = new Alerting(phone);
  const meter = new LevelMeter();
  const history = new CallHistory();
  let shownLevel = 0;
  let shownHistoryOf; // the subscriber whose history the list shows
  // exposed for debugging and for the browser tests, beside window.byonSoftphone
  window.byonSoftphoneUi = { alerting, meter, history };

  // browsers start audio only after a user gesture: the first click or key unlocks the ringtone
  const unlockOnce = () => unlock();
  document.addEventListener('pointerdown', unlockOnce, { once: true, capture: true });
  document.addEventListener('keydown', unlockOnce, { once: true, capture: true });

  $('notify-button').addEventListener('click', () =>
    act(async () => {
      unlock();
      const answer = await Alerting.requestPermission();
      phone.log('info', `Notifications ${answer === 'granted' ? 'allowed' : `not allowed (${answer})`}`);
      render();
    }),
  );
  $('mute-button').addEventListener('click', () => act(() => phone.mute(!phone.activeCall?.muted)));
  $('keypad-button').addEventListener('click', () => {
    const pad = $('dtmf-pad');
    pad.hidden = !pad.hidden;
    $('keypad-button').setAttribute('aria-expanded', String(!pad.hidden));
  });
  document.querySelectorAll('#dtmf-pad [data-dtmf]').forEach((b) =>
    b.addEventListener('click', () => act(() => phone.sendDtmf(b.dataset.dtmf))),
  );
  $('history-clear').addEventListener('click', () => {
    history.clear();
    renderHistoryList();
  });
  phone.addEventListener('ended', (ev) => {
    history.add(ev.detail);
    renderHistoryList();
  });

  function renderHistoryList() {
    $('history-list').replaceChildren(...renderHistory(history, dial));
    $('history-empty').hidden = history.entries.length > 0;
    $('history-clear').hidden = history.entries.length === 0;
    $('history-empty').textContent = history.number ? 'No calls yet.' : 'Sign in to see your recent calls.';
  }

  function tick() {
    const call = phone.activeCall;
    const timer = $('call-timer');
    timer.hidden = !call?.connectedAt;
    if (call?.connectedAt) {
      timer.textContent = formatDuration(Date.now() - call.connectedAt);
    }
    // a muted (or held) microphone sends nothing: the meter shows nothing, not the decaying last peak
    const silent = !call || call.muted || (call.status === 'Hold' && call.heldBy === 'me');
    shownLevel = silent ? 0 : Math.max(meter.level(), shownLevel * METER_DECAY);
    $('mic-level').value = meterScale(shownLevel);
  }
  setInterval(tick, TICK_MS);

  function render() {
    const call = phone.activeCall;
    history.open(phone.state === 'registered' ? phone.subscriber?.number : null);
    if (history.number !== shownHistoryOf) {
      shownHistoryOf = history.number;
      renderHistoryList();
    }
    $('notify-offer').hidden = !globalThis.Notification || Notification.permission !== 'default';
    alerting.update();
    meter.follow(call?.stream || null);
    if (call) {
      const muted = Boolean(call.muted);
      $('mute-button').textContent = muted ? 'Unmute' : 'Mute';
      $('mute-button').setAttribute('aria-pressed', String(muted));
      $('mute-button').disabled = !call.stream;
      $('mic-muted').hidden = !muted;
      const connected = call.status === 'Connected';
      $('keypad-button').disabled = !connected;
      if (!connected) {
        $('dtmf-pad').hidden = true;
        $('keypad-button').setAttribute('aria-expanded', 'false');
      }
      $('dtmf-line').hidden = !call.dtmfSent;
      $('dtmf-sent').textContent = call.dtmfSent || '';
    } else {
      $('dtmf-pad').hidden = true;
      $('keypad-button').setAttribute('aria-expanded', 'false');
    }
    tick();
  }
  return render;
}
