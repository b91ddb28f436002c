# The S3/SQS emulator the tests use, as the compose file runs it: fauxqs's server on port 4566,
# configured by FAUXQS_* variables. The context holds fauxqs installed from the npm registry.
ARG NODE_IMAGE=anb-base/node:24-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /app
COPY fauxqs/ ./
ENV FAUXQS_HOST=0.0.0.0 \
    FAUXQS_PORT=4566
EXPOSE 4566
CMD ["node", "node_modules/fauxqs/dist/server.js"]
