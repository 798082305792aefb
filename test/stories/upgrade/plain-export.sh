#!/usr/bin/env bash
# Writes fixtures/NAME/stack-plain.json (the exported stack with its secrets shown) from the
# fixture's stack.json and stack config, for a fixture captured before capture-fixture.sh wrote
# it (v0.1.0). Nothing runs but `pulumi stack import` and `export --show-secrets`, with the
# passphrase every test stack uses.
#   bash test/stories/upgrade/plain-export.sh v0.1.0
set -euo pipefail
NAME="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIXTURE="$HERE/fixtures/$NAME"
PULUMI_DIR="${LINEWORKS_PULUMI_BIN:-$(bash "$HERE/../../scripts/ensure-pulumi.sh" | tail -n1)}"
export PATH="$PULUMI_DIR:$PATH"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export PULUMI_BACKEND_URL="file://$WORK/backend" PULUMI_HOME="$WORK/home" PULUMI_CONFIG_PASSPHRASE="lineworks-contacts-test-passphrase"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true NO_COLOR=1
mkdir -p "$WORK/backend" "$WORK/home" "$WORK/project"
cp "$FIXTURE/project/Pulumi.yaml" "$WORK/project/"
cp "$FIXTURE/Pulumi.upgrade.yaml" "$WORK/project/"
cd "$WORK/project"
pulumi --non-interactive stack init upgrade >/dev/null
pulumi --non-interactive stack import --stack upgrade --file "$FIXTURE/stack.json" >/dev/null
pulumi --non-interactive stack export --stack upgrade --show-secrets >"$FIXTURE/stack-plain.json"
echo "wrote $FIXTURE/stack-plain.json" >&2
