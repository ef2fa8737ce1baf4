package org.byon.matrix

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.ListSerializer
import org.byon.matrix.kotlin.infrastructure.Serializer
import org.byon.matrix.kotlin.model.CloudEvent
import org.byon.matrix.kotlin.model.CloudEventSerializer
import org.byon.matrix.kotlin.model.CreateNotificationChannel
import org.byon.matrix.kotlin.model.CreateNotificationChannelSerializer
import org.byon.matrix.kotlin.model.NotificationChannel
import org.byon.matrix.kotlin.model.NotificationChannelSerializer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The Kotlin leg of the matrix: the kotlin (jvm-okhttp4, kotlinx.serialization, oneOf wrappers)
 * client decodes every example of byon.yaml into its concrete subtype, the discriminated fields are
 * reachable by `when`/`is` over the sealed interface (smart casts, no `as`), and it re-encodes to
 * the same JSON.
 */
class KotlinRoundTripTest {

    data class Discriminated(val subtype: String, val pointer: String, val field: Any?)

    /** The unions' generated serializers; every other schema is looked up by its class name. */
    private val unions: Map<String, KSerializer<*>> = mapOf(
        "NotificationChannel" to NotificationChannelSerializer,
        "CreateNotificationChannel" to CreateNotificationChannelSerializer,
        "CloudEvent" to CloudEventSerializer,
    )

    private fun discriminated(v: Any): Discriminated = when (v) {
        is NotificationChannel -> when (v) {
            is NotificationChannel.WebsocketWrapper ->
                Discriminated("WebSocketNotificationChannel", "/channelData/channelURL", v.value.channelData.channelURL)
            is NotificationChannel.WebhookWrapper ->
                Discriminated("WebhookNotificationChannel", "/channelData/notificationUrl", v.value.channelData.notificationUrl)
            is NotificationChannel.PushnotificationWrapper ->
                Discriminated("PushNotificationChannel", "/channelData/registrationToken", v.value.channelData.registrationToken)
        }
        is CreateNotificationChannel -> when (v) {
            is CreateNotificationChannel.WebsocketWrapper ->
                Discriminated("CreateWebSocketNotificationChannel", "/channelType", v.value.channelType)
            is CreateNotificationChannel.WebhookWrapper ->
                Discriminated("CreateWebhookNotificationChannel", "/channelData/notificationUrl", v.value.channelData.notificationUrl)
            is CreateNotificationChannel.PushnotificationWrapper ->
                Discriminated("CreatePushNotificationChannel", "/channelData/registrationToken", v.value.channelData.registrationToken)
        }
        is CloudEvent -> when (v) {
            is CloudEvent.Orgbyonvoicev1sessionInvitationWrapper ->
                Discriminated("SessionInvitationEvent", "/data/voiceSessionId", v.value.`data`.voiceSessionId)
            is CloudEvent.Orgbyonvoicev1sessionStatusWrapper ->
                Discriminated("SessionStatusEvent", "/data/voiceSessionId", v.value.`data`.voiceSessionId)
            is CloudEvent.Orgbyonracmv1registrationEndsWrapper ->
                Discriminated("RegistrationEndsEvent", "/data/racmSessionId", v.value.`data`.racmSessionId)
            is CloudEvent.Orgbyonchannelv1channelEndsWrapper ->
                Discriminated("ChannelEndsEvent", "/data/channelId", v.value.`data`.channelId)
        }
        else -> Discriminated(v::class.simpleName ?: "", "", null)
    }

    private val mapper = ObjectMapper()

    @Suppress("UNCHECKED_CAST")
    private fun serializer(schema: String): KSerializer<Any> =
        (unions[schema] ?: kotlinx.serialization.serializer(Class.forName("org.byon.matrix.kotlin.model.$schema"))) as KSerializer<Any>

    private fun decode(schema: String, value: JsonNode): Any =
        json.decodeFromString(serializer(schema), mapper.writeValueAsString(value))

    @Test
    fun everyExampleDecodesIntoItsSubtypeAndReEncodesToTheSameJson() {
        val catalog = Examples.catalog()
        val failures = mutableListOf<String>()
        var ok = 0
        for (e in Examples.list(catalog["examples"])) {
            val array = e.has("items")
            val schema = if (array) e["items"].asText() else e["schema"].asText()
            val values = if (array) Examples.list(e["value"]) else listOf(e["value"])
            val want = if (array) Examples.list(e["subtypes"]).map { it.asText() } else listOf(e["subtype"].asText())
            val id = e["id"].asText()
            try {
                val decoded = values.map { decode(schema, it) }
                var good = true
                decoded.forEachIndexed { i, d ->
                    val dis = discriminated(d)
                    if (dis.subtype != want[i]) {
                        failures += "$id: decoded as ${dis.subtype}, want ${want[i]}"
                        good = false
                    } else if (dis.pointer.isNotEmpty() && values[i].at(dis.pointer).asText() != dis.field.toString()) {
                        failures += "$id: ${dis.pointer} = ${dis.field}"
                        good = false
                    }
                }
                val text = if (array) json.encodeToString(ListSerializer(serializer(schema)), decoded)
                else json.encodeToString(serializer(schema), decoded[0])
                val encoded = mapper.readTree(text)
                if (!Examples.matches(encoded, e)) {
                    failures += "$id: re-encoded JSON differs: $encoded"
                    good = false
                }
                if (good) ok++
            } catch (ex: Exception) {
                failures += "$id: $ex"
            }
        }
        println("[client-matrix] kotlin: $ok of ${catalog["examples"].size()} examples round-tripped")
        assertEquals(emptyList<String>(), failures)
        assertTrue(ok > 0)
    }

    /**
     * Tolerant reader: an unknown property is ignored (ignoreUnknownKeys); enumUnknownDefaultCase maps
     * an unknown enum value to unknown_default_open_api;
     * the generated oneOf serializer throws on an unknown discriminator value, so a Kotlin client
     * reads `type` first.
     */
    @Test
    fun unknownPropertiesAndEnumValuesDecodeAndUnknownDiscriminatorsAreRejected() {
        val cases = Examples.list(Examples.catalog()["tolerance"])
        assertTrue(cases.isNotEmpty())
        for (t in cases) {
            val schema = t["schema"].asText()
            if (t["kind"].asText() == "unknown-discriminator") {
                assertThrows(Exception::class.java) { decode(schema, t["value"]) }
            } else if (t["kind"].asText() == "unknown-property") {
                assertEquals(t["subtype"].asText(), discriminated(decode(schema, t["value"])).subtype, t["from"].asText())
            } else {
                val decoded = decode(schema, t["value"])
                assertEquals(t["subtype"].asText(), discriminated(decoded).subtype, t["from"].asText())
                val encoded = mapper.readTree(json.encodeToString(serializer(schema), decoded))
                assertEquals("unknown_default_open_api", encoded.at(t["pointer"].asText()).asText(), t["pointer"].asText())
            }
        }
    }

    companion object {
        /** The generated client's Json, configured as docs/clients.md recommends: absent stays absent. */
        val json by lazy {
            Serializer.kotlinxSerializationJsonConfiguration = { explicitNulls = false }
            Serializer.kotlinxSerializationJson
        }
    }
}
