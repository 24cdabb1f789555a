# gdprctl in a container: Debian 12, built from this repository, run as a non-root user.
#   docker build -t gdprctl .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/work" gdprctl check register/
# The binary links everything but libc statically, so the runtime image is bookworm-slim plus the
# binary, the JSON Schemas, the man page and the completions (the layout of `cmake --install`), and
# libpq5, which gdprctl loads only when a postgresql:// store is opened (the build needs its header).

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config libcli11-dev libfmt-dev libyaml-cpp-dev libsqlite3-dev libssl-dev libedit-dev \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DGDPRCTL_BUILD_TESTS=OFF \
 && cmake --build /build -j"$(nproc)" \
 && DESTDIR=/staging cmake --install /build --strip

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /staging/usr/ /usr/
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/gdprctl gdprctl
USER gdprctl
WORKDIR /work
ENTRYPOINT ["gdprctl"]
CMD ["--help"]
