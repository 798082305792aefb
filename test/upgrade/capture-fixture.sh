#!/usr/bin/env bash
# Captures an upgrade fixture: runs `pulumi up` of fixtures/<name>/project with the code of
# CODE_ROOT (a checkout of the version to capture, built, with node_modules), against an
# emulator of that version keeping its data in a file, then saves the exported stack, the
# stack config (with its encryption salt) and the emulator's data file next to the project.
#   bash test/upgrade/capture-fixture.sh /tmp/wt-base v0.1.0
set -euo pipefail
CODE_ROOT="$(cd "$1" && pwd)"
NAME="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIXTURE="$HERE/fixtures/$NAME"
PULUMI_DIR="$(bash "$CODE_ROOT/scripts/ensure-pulumi.sh" | tail -n1)"
export PATH="$PULUMI_DIR:$PATH"

WORK="$(mktemp -d)"
PROJECT="$CODE_ROOT/test/.tmp/upgrade-capture-$$"
mkdir -p "$PROJECT"
cp -r "$FIXTURE/project/." "$PROJECT/"
cleanup() { [[ -n "${EMU_PID:-}" ]] && kill "$EMU_PID" 2>/dev/null || true; rm -rf "$WORK" "$PROJECT"; }
trap cleanup EXIT

node "$CODE_ROOT/bin/lineworks-contacts.js" emulator --port 0 --data "$WORK/emulator.json" >"$WORK/emu.out" 2>"$WORK/emu.err" &
EMU_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/emu.out" ]] && break; sleep 0.1; done
URL="$(head -n1 "$WORK/emu.out")"
CREDS="$(curl -fsS "$URL/_emulator/credentials")"
cred() { node -e 'process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))' "$CREDS" "$1"; }

export PULUMI_BACKEND_URL="file://$WORK/backend" PULUMI_HOME="$WORK/home" PULUMI_CONFIG_PASSPHRASE="lineworks-contacts-test-passphrase"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_DIY_BACKEND_GZIP=false
export PULUMI_SELF_MANAGED_STATE_GZIP=false PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true NO_COLOR=1
export LINEWORKS_API_BASE_URL="$URL/v1.0" LINEWORKS_AUTH_URL="$URL/oauth2/v2.0/token"
export LINEWORKS_CLIENT_ID="$(cred clientId)" LINEWORKS_CLIENT_SECRET="$(cred clientSecret)"
export LINEWORKS_SERVICE_ACCOUNT="$(cred serviceAccount)" LINEWORKS_PRIVATE_KEY="$(cred privateKey)" LINEWORKS_DOMAIN_ID="$(cred domainId)"
mkdir -p "$WORK/backend" "$WORK/home"

cd "$PROJECT"
pulumi --non-interactive stack init upgrade
pulumi --non-interactive up --yes --skip-preview --stack upgrade
pulumi --non-interactive preview --expect-no-changes --stack upgrade >/dev/null
pulumi --non-interactive stack export --stack upgrade >"$FIXTURE/stack.json"
cp Pulumi.upgrade.yaml "$FIXTURE/Pulumi.upgrade.yaml"
kill -TERM "$EMU_PID"; wait "$EMU_PID" || true; EMU_PID=
cp "$WORK/emulator.json" "$FIXTURE/emulator-data.json"
echo "captured $FIXTURE (code: $(git -C "$CODE_ROOT" rev-parse HEAD))" >&2
git -C "$CODE_ROOT" rev-parse HEAD >"$FIXTURE/CAPTURED_FROM"
