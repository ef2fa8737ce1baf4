// Decodes every example of byon.yaml (extracted at build time into $BYON_EXAMPLES by
// org.byon.matrix.ExampleCatalog) with the generated typescript-fetch models, checks the concrete
// subtype and the discriminated fields through the static union types (narrowing, no casts), and
// re-encodes it. Compiled with tsc --strict together with the generated client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as models from '../../../target/clients/typescript-fetch/models/index';
import type { CloudEvent, CreateNotificationChannel, NotificationChannel } from '../../../target/clients/typescript-fetch/models/index';

interface Example {
  id: string;
  from?: string;
  kind?: string;
  schema: string;
  subtype?: string;
  items?: string;
  subtypes?: string[];
  pointer?: string;
  value: unknown;
  withDefaults?: unknown;
}

interface Catalog {
  examples: Example[];
  tolerance: Example[];
}

type Discriminated = [subtype: string, pointer: string, field: unknown];

function channel(c: NotificationChannel): Discriminated {
  switch (c.channelType) {
    case 'WebSocket':
      return ['WebSocketNotificationChannel', '/channelData/channelURL', c.channelData.channelURL];
    case 'Webhook':
      return ['WebhookNotificationChannel', '/channelData/notificationUrl', c.channelData.notificationUrl];
    case 'PushNotification':
      return ['PushNotificationChannel', '/channelData/registrationToken', c.channelData.registrationToken];
  }
  return ['', '', undefined];
}

function createChannel(c: CreateNotificationChannel): Discriminated {
  switch (c.channelType) {
    case 'WebSocket':
      return ['CreateWebSocketNotificationChannel', '/channelType', c.channelType];
    case 'Webhook':
      return ['CreateWebhookNotificationChannel', '/channelData/notificationUrl', c.channelData.notificationUrl];
    case 'PushNotification':
      return ['CreatePushNotificationChannel', '/channelData/registrationToken', c.channelData.registrationToken];
  }
  return ['', '', undefined];
}

function event(e: CloudEvent): Discriminated {
  switch (e.type) {
    case 'org.byon.voice.v1.session-invitation':
      return ['SessionInvitationEvent', '/data/voiceSessionId', e.data.voiceSessionId];
    case 'org.byon.voice.v1.session-status':
      return ['SessionStatusEvent', '/data/voiceSessionId', e.data.voiceSessionId];
    case 'org.byon.racm.v1.registration-ends':
      return ['RegistrationEndsEvent', '/data/racmSessionId', e.data.racmSessionId];
    case 'org.byon.channel.v1.channel-ends':
      return ['ChannelEndsEvent', '/data/channelId', e.data.channelId];
  }
  return ['', '', undefined];
}

/** Static accessors of the discriminated unions; any other schema is its own subtype. */
const unions: Record<string, (v: any) => Discriminated> = {
  NotificationChannel: (v) => channel(v as NotificationChannel),
  CreateNotificationChannel: (v) => createChannel(v as CreateNotificationChannel),
  CloudEvent: (v) => event(v as CloudEvent),
};

const generated = models as unknown as Record<string, (json: unknown) => unknown>;

function codec(schema: string): { from: (json: unknown) => unknown; to: (value: unknown) => unknown } {
  const from: ((json: unknown) => unknown) | undefined = generated[`${schema}FromJSON`];
  const to: ((value: unknown) => unknown) | undefined = generated[`${schema}ToJSON`];
  if (from === undefined || to === undefined) {
    throw new Error(`no generated typescript-fetch model for schema ${schema}`);
  }
  return { from, to };
}

function discriminated(schema: string, value: unknown): Discriminated {
  const accessor = unions[schema];
  return accessor ? accessor(value) : [schema, '', undefined];
}

function at(json: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<any>((v, key) => (v == null ? undefined : v[key]), json);
}

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Equal JSON values, date-times compared as instants. */
function semanticEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return a === b || (dateTime.test(a) && dateTime.test(b) && Date.parse(a) === Date.parse(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && semanticEqual((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

const catalog: Catalog = JSON.parse(readFileSync(process.env.BYON_EXAMPLES ?? '', 'utf8'));

test('every example of byon.yaml decodes into its subtype and re-encodes to the same JSON', () => {
  const failures: string[] = [];
  let ok = 0;
  for (const e of catalog.examples) {
    const itemSchema = e.items ?? e.schema;
    const values = e.items ? (e.value as unknown[]) : [e.value];
    const want = e.items ? (e.subtypes ?? []) : [e.subtype ?? ''];
    const { from, to } = codec(itemSchema);
    const decoded = values.map((v) => from(v));
    let good = true;
    decoded.forEach((d, i) => {
      const [subtype, pointer, field] = discriminated(itemSchema, d);
      if (subtype !== want[i]) {
        failures.push(`${e.id}: decoded as ${subtype}, want ${want[i]}`);
        good = false;
      } else if (pointer && !semanticEqual(field, at(values[i], pointer))) {
        failures.push(`${e.id}: ${pointer} = ${String(field)}`);
        good = false;
      }
    });
    const encoded = JSON.parse(JSON.stringify(e.items ? decoded.map((d) => to(d)) : to(decoded[0])));
    if (!semanticEqual(encoded, e.value) && !(e.withDefaults !== undefined && semanticEqual(encoded, e.withDefaults))) {
      failures.push(`${e.id}: re-encoded JSON differs: ${JSON.stringify(encoded)}`);
      good = false;
    }
    if (good) ok++;
  }
  console.log(`[client-matrix] typescript-fetch: ${ok} of ${catalog.examples.length} examples round-tripped`);
  assert.deepEqual(failures, []);
  assert.ok(ok > 0, 'no example round-tripped');
});

test('tolerant reader: unknown discriminator values, properties and enum values decode', () => {
  assert.ok(catalog.tolerance.length > 0, 'no tolerant-reader cases in the catalog');
  for (const t of catalog.tolerance) {
    const { from, to } = codec(t.schema);
    const decoded = from(t.value);
    const [subtype] = discriminated(t.schema, decoded);
    if (t.kind === 'unknown-discriminator') {
      assert.equal(subtype, '', `${t.from}: unknown ${t.pointer} decoded as ${subtype}`);
      assert.deepEqual(at(decoded, t.pointer ?? ''), at(t.value, t.pointer ?? ''));
    } else if (t.kind === 'unknown-property') {
      assert.equal(subtype, t.subtype, `${t.from}: with an unknown property decoded as ${subtype}`);
    } else {
      assert.equal(subtype, t.subtype, `${t.from}: decoded as ${subtype}`);
      assert.equal(at(JSON.parse(JSON.stringify(to(decoded))), t.pointer ?? ''), at(t.value, t.pointer ?? ''));
    }
  }
  console.log(`[client-matrix] typescript-fetch: ${catalog.tolerance.length} tolerant-reader cases decoded`);
});
