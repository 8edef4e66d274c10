# syscall-probe: one static binary in an otherwise empty image.
#
#   docker build --network host -t syscall-probe .
#   docker run --rm --network none syscall-probe
#
# No registry here? scripts/base-image creates debian:bookworm locally first
# (debootstrap + docker import); scripts/build-image does both steps.

FROM debian:bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      cmake make g++ binutils \
      libboost-program-options-dev libspdlog-dev libfmt-dev nlohmann-json3-dev \
      libgtest-dev libgmock-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# One build of the static preset with its unit tests (the shipped binary does
# not depend on BUILD_TESTING): a failing or missing unit test fails the image.
# UNIT_TESTS=OFF builds the binary alone, about half the compile work:
# scripts/build-image --no-unit-tests, for a first run that only needs the
# image (scripts/demo). Declared here, after the apt layer, so both values
# share that layer in the cache.
ARG UNIT_TESTS=ON
RUN case "$UNIT_TESTS" in ON|OFF) ;; *) echo "UNIT_TESTS must be ON or OFF" >&2; exit 1 ;; esac \
 && cmake --preset static -DBUILD_TESTING="$UNIT_TESTS" -DINTEGRATION_TESTS=OFF \
 && cmake --build --preset static -j 2 \
 && if [ "$UNIT_TESTS" = ON ]; then \
      ctest --test-dir build/static -L unit --no-tests=error --output-on-failure -j 2; fi
# The shipped binary: fully static (no PT_INTERP), stripped, and it runs.
RUN install -D -m 0755 build/static/probe/syscall-probe /out/syscall-probe \
 && strip --strip-all /out/syscall-probe \
 && if readelf -l /out/syscall-probe | grep -q INTERP; then \
      echo "syscall-probe is not static" >&2; exit 1; fi \
 && /out/syscall-probe --version

FROM scratch
ARG VERSION=0.4.0
ARG SOURCE=unknown
ARG REVISION=unknown
LABEL org.opencontainers.image.title="syscall-probe" \
      org.opencontainers.image.description="Reports the kernel a container shares with its host, its confinement (seccomp, capabilities, no_new_privs, namespaces, cgroup) and who answers the project's own syscall" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="GPL-2.0-only"
COPY --from=build /out/syscall-probe /syscall-probe
USER 65534:65534
ENTRYPOINT ["/syscall-probe"]
# The full report (kernel, confinement, our syscall with its evidence), the
# same facts as `--format json`; the catalogue is on request (--syscalls all).
CMD ["--format", "text"]
