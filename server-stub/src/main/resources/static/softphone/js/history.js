// The call history: every call that ended on this page, newest first, kept in localStorage per
// subscriber number (so one browser profile keeps each subscriber's own list), at most
// MAX_ENTRIES. Each entry says in words what happened; its number can be dialled again.

import { displayAddress } from './call.js';
import { describeStatus } from './messages.js';

const MAX_ENTRIES = 50;
const KEY_PREFIX = 'byon.softphone.history.';

/** "m:ss" (or "h:mm:ss") for a duration in milliseconds. */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What happened to a call, in words, from the page's point of view. */
export function describeOutcome(entry) {
  if (entry.connectedAt) {
    return `${entry.direction === 'Outgoing' ? 'Outgoing call' : 'Incoming call'}, ${formatDuration(entry.endedAt - entry.connectedAt)}`;
  }
  if (entry.direction === 'Incoming') {
    if (entry.missed) {
      return 'Missed call';
    }
    if (entry.reason === 'ANSWERED_ELSEWHERE') {
      return 'Answered on another device';
    }
    if (entry.reason === 'DECLINED') {
      return 'Declined by you';
    }
  }
  return `Not answered: ${describeStatus(entry.status, entry.reason)}`;
}

export class CallHistory {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
    this.number = null;
    this.entries = [];
  }

  /** Switches to a subscriber's list (null: signed out, no list). */
  open(number) {
    if (number === this.number) {
      return;
    }
    this.number = number;
    this.entries = [];
    if (number) {
      try {
        this.entries = JSON.parse(this.storage.getItem(KEY_PREFIX + number) || '[]');
      } catch {
        this.entries = [];
      }
    }
  }

  add(ended) {
    if (!this.number) {
      return;
    }
    const entry = {
      remote: ended.remote,
      direction: ended.direction,
      status: ended.status,
      reason: ended.reason,
      startedAt: ended.startedAt,
      connectedAt: ended.connectedAt,
      endedAt: ended.endedAt,
      missed: ended.missed,
    };
    this.entries = [entry, ...this.entries].slice(0, MAX_ENTRIES);
    this.storage.setItem(KEY_PREFIX + this.number, JSON.stringify(this.entries));
  }

  clear() {
    this.entries = [];
    if (this.number) {
      this.storage.removeItem(KEY_PREFIX + this.number);
    }
  }
}

/** The list items of the history (one <li> per call); `onDial(number)` is called to call back. */
export function renderHistory(history, onDial) {
  return history.entries.map((entry) => {
    const li = document.createElement('li');
    li.dataset.testid = 'history-entry';
    li.dataset.status = entry.status;
    li.dataset.reason = entry.reason || '';
    li.dataset.direction = entry.direction;
    li.className = entry.missed ? 'missed' : '';
    const arrow = document.createElement('span');
    arrow.className = 'dir';
    arrow.textContent = entry.direction === 'Outgoing' ? '↗' : '↙';
    arrow.setAttribute('aria-label', entry.direction === 'Outgoing' ? 'outgoing' : 'incoming');
    const who = document.createElement('button');
    who.type = 'button';
    who.className = 'link';
    who.dataset.testid = 'history-number';
    who.textContent = displayAddress(entry.remote);
    who.title = `Call ${displayAddress(entry.remote)}`;
    who.addEventListener('click', () => onDial(displayAddress(entry.remote)));
    const what = document.createElement('span');
    what.dataset.testid = 'history-outcome';
    what.textContent = describeOutcome(entry);
    const when = document.createElement('time');
    when.className = 'small';
    when.dateTime = new Date(entry.startedAt).toISOString();
    when.textContent = new Date(entry.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    li.append(arrow, who, what, when);
    return li;
  });
}
