#!/usr/bin/env bash
# Fixture: build the image with scripts/build-image (engine, base image, build).
. "$(dirname "$0")/../lib.sh"
if ! docker info >/dev/null 2>&1; then
  # Only when no engine can be had at all (not root, no docker) is this a skip.
  "$SP_ROOT/scripts/engine" start || skip_test "no Docker engine can run here"
fi
"$SP_ROOT/scripts/build-image" --tag "$IMAGE"
