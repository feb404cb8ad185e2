# syntax=docker/dockerfile:1
# Lanewatch dashboard: static files served by nginx, which also proxies /api to the api service.
# Build from the repository root: docker build -f docker/web.Dockerfile .
ARG NODE_IMAGE=node:20-bookworm-slim
# Runs as a non-root user and listens on 8080; pin a version here for reproducible deployments.
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:stable-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Vite's native bundler arrives as a platform-specific optional dependency; no install script needed.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY apps/web ./apps/web
RUN npx tsc -p apps/web/tsconfig.json && npx vite build --config apps/web/vite.config.ts

FROM ${NGINX_IMAGE} AS runtime
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 8080
