// Package roundtrip decodes every example of byon.yaml (extracted at build time into
// $BYON_EXAMPLES by org.byon.matrix.ExampleCatalog) into the generated Go client, checks the
// concrete subtype and the discriminated fields through the static types, and re-encodes it.
package roundtrip

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"byonmatrix/byon"
)

type example struct {
	ID       string          `json:"id"`
	Schema   string          `json:"schema"`
	Subtype  string          `json:"subtype"`
	Items    string          `json:"items"`
	Subtypes []string        `json:"subtypes"`
	Pointer  string          `json:"pointer"`
	Kind     string          `json:"kind"`
	From     string          `json:"from"`
	Value    json.RawMessage `json:"value"`
	Defaults json.RawMessage `json:"withDefaults"`
}

type catalog struct {
	Unions map[string]struct {
		PropertyName string            `json:"propertyName"`
		Mapping      map[string]string `json:"mapping"`
	} `json:"unions"`
	Examples  []example `json:"examples"`
	Tolerance []example `json:"tolerance"`
}

// models (schema name -> generated type) is written at build time by org.byon.matrix.GoRegistry
// into models_gen_test.go, from the same catalog.

// discriminated returns, for each concrete subtype, the field its discriminator makes
// reachable, read through the static types (no type assertion), and where it sits in the JSON.
func discriminated(v interface{}) (subtype string, pointer string, field interface{}) {
	switch m := v.(type) {
	case *byon.NotificationChannel:
		switch {
		case m.WebSocketNotificationChannel != nil:
			return "WebSocketNotificationChannel", "/channelData/channelURL", m.WebSocketNotificationChannel.ChannelData.ChannelURL
		case m.WebhookNotificationChannel != nil:
			return "WebhookNotificationChannel", "/channelData/notificationUrl", m.WebhookNotificationChannel.ChannelData.NotificationUrl
		case m.PushNotificationChannel != nil:
			return "PushNotificationChannel", "/channelData/registrationToken", m.PushNotificationChannel.ChannelData.RegistrationToken
		}
	case *byon.CreateNotificationChannel:
		switch {
		case m.CreateWebSocketNotificationChannel != nil:
			return "CreateWebSocketNotificationChannel", "/channelType", fmt.Sprint(m.CreateWebSocketNotificationChannel.ChannelType)
		case m.CreateWebhookNotificationChannel != nil:
			return "CreateWebhookNotificationChannel", "/channelData/notificationUrl", m.CreateWebhookNotificationChannel.ChannelData.NotificationUrl
		case m.CreatePushNotificationChannel != nil:
			return "CreatePushNotificationChannel", "/channelData/registrationToken", m.CreatePushNotificationChannel.ChannelData.RegistrationToken
		}
	case *byon.CloudEvent:
		switch {
		case m.SessionInvitationEvent != nil:
			return "SessionInvitationEvent", "/data/voiceSessionId", m.SessionInvitationEvent.Data.VoiceSessionId
		case m.SessionStatusEvent != nil:
			return "SessionStatusEvent", "/data/voiceSessionId", m.SessionStatusEvent.Data.VoiceSessionId
		case m.RegistrationEndsEvent != nil:
			return "RegistrationEndsEvent", "/data/racmSessionId", m.RegistrationEndsEvent.Data.RacmSessionId
		case m.ChannelEndsEvent != nil:
			return "ChannelEndsEvent", "/data/channelId", m.ChannelEndsEvent.Data.ChannelId
		}
	default:
		return reflect.TypeOf(v).Elem().Name(), "", nil
	}
	return "", "", nil // a union none of whose members was decoded
}

func load(t *testing.T) catalog {
	path := os.Getenv("BYON_EXAMPLES")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("examples catalog %q: %v", path, err)
	}
	var c catalog
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("examples catalog: %v", err)
	}
	return c
}

func decode(t *testing.T, schema string, raw []byte) (interface{}, error) {
	factory, ok := models[schema]
	if !ok {
		t.Fatalf("no generated Go model registered for schema %s", schema)
	}
	v := factory()
	return v, json.Unmarshal(raw, v)
}

func TestEveryExampleRoundTrips(t *testing.T) {
	c := load(t)
	count := 0
	for _, e := range c.Examples {
		decoded := []interface{}{}
		var want []string
		if e.Items != "" {
			var items []json.RawMessage
			if err := json.Unmarshal(e.Value, &items); err != nil {
				t.Fatalf("%s: %v", e.ID, err)
			}
			for _, item := range items {
				v, err := decode(t, e.Items, item)
				if err != nil {
					t.Errorf("%s: decoding an item as %s: %v", e.ID, e.Items, err)
				}
				decoded = append(decoded, v)
			}
			want = e.Subtypes
		} else {
			v, err := decode(t, e.Schema, e.Value)
			if err != nil {
				t.Errorf("%s: decoding as %s: %v", e.ID, e.Schema, err)
				continue
			}
			decoded = []interface{}{v}
			want = []string{e.Subtype}
		}
		var items []json.RawMessage
		if e.Items != "" {
			_ = json.Unmarshal(e.Value, &items)
		} else {
			items = []json.RawMessage{e.Value}
		}
		for i, v := range decoded {
			subtype, pointer, field := discriminated(v)
			if subtype != want[i] {
				t.Errorf("%s: decoded as %q, want subtype %q", e.ID, subtype, want[i])
				continue
			}
			if pointer != "" && !semanticEqual(at(items[i], pointer), field) {
				t.Errorf("%s: %s = %v, example has %v", e.ID, pointer, field, at(items[i], pointer))
			}
		}
		var encoded []byte
		var err error
		if e.Items != "" {
			encoded, err = json.Marshal(decoded)
		} else {
			encoded, err = json.Marshal(decoded[0])
		}
		if err != nil {
			t.Errorf("%s: encoding: %v", e.ID, err)
			continue
		}
		if !sameJSON(e.Value, encoded) && !(e.Defaults != nil && sameJSON(e.Defaults, encoded)) {
			t.Errorf("%s: re-encoded JSON differs\n example: %s\n encoded: %s", e.ID, e.Value, encoded)
			continue
		}
		count++
	}
	if count == 0 {
		t.Fatal("no example round-tripped")
	}
	fmt.Printf("[client-matrix] go: %d of %d examples round-tripped\n", count, len(c.Examples))
}

// TestTolerantReader: an unknown property is kept in AdditionalProperties; unknown enum values
// decode to the unknown_default_open_api constant;
// an unknown discriminator value decodes without error into a union with no member set.
func TestTolerantReader(t *testing.T) {
	c := load(t)
	if len(c.Tolerance) == 0 {
		t.Fatal("no tolerant-reader cases in the catalog")
	}
	for _, e := range c.Tolerance {
		v, err := decode(t, e.Schema, e.Value)
		if err != nil {
			t.Errorf("%s (%s at %s): %v", e.From, e.Kind, e.Pointer, err)
			continue
		}
		subtype, _, _ := discriminated(v)
		switch e.Kind {
		case "unknown-discriminator":
			if subtype != "" {
				t.Errorf("%s: unknown %s decoded as %s", e.From, e.Pointer, subtype)
			}
		case "unknown-property":
			if subtype != e.Subtype {
				t.Errorf("%s: with an unknown property decoded as %s, want %s", e.From, subtype, e.Subtype)
			}
		case "unknown-enum":
			if subtype != e.Subtype {
				t.Errorf("%s: decoded as %s, want %s", e.From, subtype, e.Subtype)
			}
			encoded, _ := json.Marshal(v)
			if got := at(encoded, e.Pointer); got != "unknown_default_open_api" {
				t.Errorf("%s: %s re-encoded as %v, want unknown_default_open_api", e.From, e.Pointer, got)
			}
		}
	}
	fmt.Printf("[client-matrix] go: %d tolerant-reader cases decoded\n", len(c.Tolerance))
}

// at reads a JSON pointer (object keys only) of a JSON document.
func at(raw []byte, pointer string) interface{} {
	var v interface{}
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	start := 1
	for i := 1; i <= len(pointer); i++ {
		if i == len(pointer) || pointer[i] == '/' {
			m, ok := v.(map[string]interface{})
			if !ok {
				return nil
			}
			v = m[pointer[start:i]]
			start = i + 1
		}
	}
	return v
}

func sameJSON(a, b []byte) bool {
	var x, y interface{}
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return semanticEqual(x, y)
}

// semanticEqual: equal JSON values, date-times compared as instants.
func semanticEqual(a, b interface{}) bool {
	switch x := a.(type) {
	case map[string]interface{}:
		y, ok := b.(map[string]interface{})
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !semanticEqual(v, w) {
				return false
			}
		}
		return true
	case []interface{}:
		y, ok := b.([]interface{})
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !semanticEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, ex := time.Parse(time.RFC3339Nano, x)
		ty, ey := time.Parse(time.RFC3339Nano, y)
		return ex == nil && ey == nil && tx.Equal(ty)
	default:
		return reflect.DeepEqual(a, b)
	}
}
