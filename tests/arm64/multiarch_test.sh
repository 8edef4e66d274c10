#!/usr/bin/env bash
# The multi-arch image in the local registry: scripts/build-multiarch pushes
# linux/amd64 and linux/arm64 under one name as an OCI image index and pulls
# each back by platform. Checked again here against the registry's own answer.
. "$(dirname "$0")/lib.sh"
require_arm64_tools
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
[ "$(id -u)" -eq 0 ] || skip_test "registering binfmt_misc needs root"

"$SP_ROOT/scripts/build-multiarch" --name "$MULTI" >"$TEST_TMP/multi.json" || fail "scripts/build-multiarch failed"
jq -e . "$TEST_TMP/multi.json" >/dev/null || fail "build-multiarch printed no JSON"
expect_eq "platforms" "$(jq -r '[.images[].platform] | sort | join(",")' "$TEST_TMP/multi.json")" "linux/amd64,linux/arm64"
for p in amd64 arm64; do
  size=$(jq -r --arg p "linux/$p" '.images[] | select(.platform == $p) | .size' "$TEST_TMP/multi.json")
  [ "$size" -lt 2000000 ] || fail "linux/$p image is $size bytes, over 2 MB"
  pass "linux/$p image: $size bytes"
  jq -r --arg p "linux/$p" '.images[] | select(.platform == $p) | .runs' "$TEST_TMP/multi.json" \
    | grep -q '^syscall-probe ' || fail "linux/$p image did not print its version"
done

# The registry's own view of the name: an OCI index with both platforms.
reg=$("$SP_ROOT/scripts/internal/registry" address)
repo=${MULTI%%:*} tag=${MULTI#*:}
curl -fsS --max-time 30 -H 'Accept: application/vnd.oci.image.index.v1+json' \
  "http://$reg/v2/$repo/manifests/$tag" -o "$TEST_TMP/index.json" || fail "the registry has no $MULTI"
expect_eq "index media type" "$(jq -r .mediaType "$TEST_TMP/index.json")" application/vnd.oci.image.index.v1+json
expect_eq "index platforms" "$(jq -r '[.manifests[].platform | "\(.os)/\(.architecture)"] | sort | join(",")' "$TEST_TMP/index.json")" \
  "linux/amd64,linux/arm64"
