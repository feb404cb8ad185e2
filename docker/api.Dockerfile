# syntax=docker/dockerfile:1
# Lanewatch HTTP API. Build from the repository root: docker build -f docker/api.Dockerfile .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies stay: the TypeScript sources run through @swc-node/register (a devDependency).
# --ignore-scripts: the image's npm 10 ignores package.json "allowScripts" and would run every
# install script; nothing the API needs at run time depends on one (native addons ship prebuilt).
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json tsconfig.base.json .swcrc ./
COPY libs ./libs
COPY migrations ./migrations
COPY scripts ./scripts
COPY apps/api ./apps/api
USER node
EXPOSE 3000
# Migrations run before the server listens, so a healthy API always has the current schema and
# the worker (which waits for a healthy API) never sees an old one.
CMD ["sh", "-c", "node -r @swc-node/register scripts/migrate.ts && exec node -r @swc-node/register apps/api/src/main.ts"]
