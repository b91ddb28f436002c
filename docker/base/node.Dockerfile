# Node 24 on Debian bookworm, shaped like the official node:24-bookworm-slim: node and npm in
# /usr/local, a `node` user with uid 1000. The context holds the Node binary and npm, unpacked
# from the npm registry by build.sh.
ARG DEBIAN_IMAGE=anb-base/debian:bookworm
FROM ${DEBIAN_IMAGE}
COPY node/bin/node /usr/local/bin/node
COPY npm/ /usr/local/lib/node_modules/npm/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
