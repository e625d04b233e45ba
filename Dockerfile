# MuleBot image: build with the dev dependencies, then keep only the production ones. Runs as the non-root "node"
# user (uid 1000) and writes nothing outside /tmp (the Deployment mounts the root filesystem read-only).
#   docker build -t mulebot:0.1.0 .
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts
COPY src ./src
RUN npx tsc -p tsconfig.json \
 && npm ci --omit=dev --ignore-scripts \
 && npm cache clean --force

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root models ./models
COPY --chown=root:root corpus ./corpus
COPY --chown=root:root examples ./examples
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/mulebot.js"]
CMD ["start", "--in-cluster"]
