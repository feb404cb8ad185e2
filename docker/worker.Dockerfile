# syntax=docker/dockerfile:1
# Lanewatch queue worker. Build from the repository root: docker build -f docker/worker.Dockerfile .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Same reasoning as api.Dockerfile: @swc-node/register is needed at run time, install scripts are not.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json tsconfig.base.json .swcrc ./
COPY libs ./libs
# libs/db builds its data source from the migration list, so the worker needs it too.
COPY migrations ./migrations
COPY apps/worker ./apps/worker
USER node
CMD ["node", "-r", "@swc-node/register", "apps/worker/src/main.ts"]
