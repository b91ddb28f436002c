#!/bin/sh
# `npm ci` inside an image build. Behind a TLS-intercepting proxy the build passes the proxy's CA bundle
# as the BuildKit secret `ca`; npm then trusts it. Without the secret this is a plain `npm ci`.
set -eu
if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi
exec npm ci --ignore-scripts --no-audit --no-fund "$@"
