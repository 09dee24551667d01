# Production image: the built service on Node 20. Expects DATABASE_URL (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.admin.json nest-cli.json ./
COPY src ./src
COPY admin ./admin
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/admin/public ./admin/public
COPY --from=build /app/admin/dist ./admin/dist
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
