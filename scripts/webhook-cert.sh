# Sourced by conformance-local.sh and scripts/prism-judge.sh (run from the repository root).
# The suite's webhook receiver serves https (byon.yaml admits only https notificationUrls) with a throw-away
# certificate made here; the gateway trusts it for deliveries (byon.webhook.trusted-certificates).
make_webhook_cert() { # dir
  local d=$1; rm -f "$d/webhook.p12" "$d/webhook.pem"
  keytool -genkeypair -alias byon-webhook -keyalg EC -groupname secp256r1 -validity 2 -dname "CN=byon-conformance webhook receiver" \
    -ext san=ip:127.0.0.1,dns:localhost -storetype PKCS12 -keystore "$d/webhook.p12" \
    -storepass byon-conformance -keypass byon-conformance >/dev/null 2>&1
  keytool -exportcert -rfc -alias byon-webhook -keystore "$d/webhook.p12" -storepass byon-conformance -file "$d/webhook.pem" >/dev/null 2>&1
  export BYON_WEBHOOK_KEYSTORE="$PWD/$d/webhook.p12" BYON_WEBHOOK_KEYSTORE_PASSWORD=byon-conformance
}
