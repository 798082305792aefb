#!/usr/bin/env bash
# Captures an upgrade fixture: runs `pulumi up` of fixtures/<name>/project with the code of
# CODE_ROOT (a copy of the version to capture, built, with node_modules), against an
# emulator of that version keeping its data in a file, then saves the exported stack (and the
# same with its secrets shown, stack-plain.json, for the unit tests of old state shapes), the
# stack config (with its encryption salt) and the emulator's data file next to the project.
#   git archive COMMIT | tar -x -C /tmp/wt && ln -s "$PWD/node_modules" /tmp/wt/ && (cd /tmp/wt && npx tsc -p tsconfig.json)
#   bash test/stories/upgrade/capture-fixture.sh /tmp/wt NAME COMMIT
# COMMIT is recorded in fixtures/NAME/CAPTURED_FROM (default: CODE_ROOT's git HEAD). The Pulumi
# CLI is LINEWORKS_PULUMI_BIN's when set, else CODE_ROOT's scripts/ensure-pulumi.sh's.
set -euo pipefail
CODE_ROOT="$(cd "$1" && pwd)"
NAME="$2"
COMMIT="${3:-$(git -C "$CODE_ROOT" rev-parse HEAD)}"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIXTURE="$HERE/fixtures/$NAME"
PULUMI_DIR="${LINEWORKS_PULUMI_BIN:-$(bash "$CODE_ROOT/scripts/ensure-pulumi.sh" | tail -n1)}"
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
pulumi --non-interactive stack export --stack upgrade --show-secrets >"$FIXTURE/stack-plain.json"
cp Pulumi.upgrade.yaml "$FIXTURE/Pulumi.upgrade.yaml"
kill -TERM "$EMU_PID"; wait "$EMU_PID" || true; EMU_PID=
cp "$WORK/emulator.json" "$FIXTURE/emulator-data.json"
echo "captured $FIXTURE (code: $COMMIT)" >&2
echo "$COMMIT" >"$FIXTURE/CAPTURED_FROM"
