# Streetflow application image (used by docker-compose.yml with a real Zeebe and MongoDB).
FROM node:20-bookworm-slim
WORKDIR /app
# A CJK font for the Chinese permit PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN if [ -f designer/vite.config.ts ]; then npm run build:designer; fi
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["npx", "tsx", "engine/app/main.ts"]
