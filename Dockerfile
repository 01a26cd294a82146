# courier in a container: a static musl binary on an empty image.
#
#   docker build -t courier .
#   docker run --rm -v "$PWD:/work" -w /work courier run collection.json -r cli,junit
#
# Stage 1 builds with scripts/build-static.sh; stage 2 is `scratch` with only the
# binary and the CA certificates it verifies HTTPS servers against.

FROM rust:1.95 AS builder
RUN apt-get update \
    && apt-get install -y --no-install-recommends musl-tools ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && rustup target add "$(uname -m)-unknown-linux-musl"
WORKDIR /src
COPY . .
# build-static.sh prints only the binary's path on stdout (cargo's output goes to stderr).
RUN bin="$(scripts/build-static.sh)" \
    && cp "$bin" /usr/local/bin/courier \
    && mkdir -m 1777 /scratch-tmp

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=builder /usr/local/bin/courier /usr/local/bin/courier
# scratch has no /tmp; temporary files (e.g. --mock's) need one.
COPY --from=builder /scratch-tmp /tmp
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/courier"]
CMD ["--help"]
