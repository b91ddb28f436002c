#!/usr/bin/env bash
# Replaces the vendored RDS CA bundle with AWS's current one and pins its checksum in the Dockerfile.
# Run it when AWS announces a new CA (docs: "Using SSL/TLS to encrypt a connection to a DB instance"),
# review the diff, commit both files. Usage: docker/certs/refresh-rds-ca-bundle.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
url=https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem
bundle="$here/rds-global-bundle.pem"
dockerfile="$here/../Dockerfile"

fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
curl --fail --silent --show-error --location --proto '=https' "$url" -o "$fresh"
# Only certificates: every block must parse, and there must be some.
count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$fresh" || true)
((count > 0)) || { echo "no certificates in $url" >&2; exit 1; }
parsed=$(openssl crl2pkcs7 -nocrl -certfile "$fresh" | openssl pkcs7 -print_certs -noout | grep -c '^subject=')
((parsed == count)) || { echo "$count certificate blocks but $parsed parse" >&2; exit 1; }

mv "$fresh" "$bundle"
chmod 644 "$bundle"
sum=$(sha256sum "$bundle" | cut -d' ' -f1)
sed -i "s/^ARG RDS_CA_BUNDLE_SHA256=.*/ARG RDS_CA_BUNDLE_SHA256=$sum/" "$dockerfile"
echo "$count certificates, sha256 $sum pinned in docker/Dockerfile"
