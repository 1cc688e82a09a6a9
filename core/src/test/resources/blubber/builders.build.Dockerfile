FROM docker-registry.wikimedia.org/nodejs20-slim AS build
USER root
ENV HOME="/root"
ARG NPM_REGISTRY="https://registry.npmjs.org"
ENV DEBIAN_FRONTEND="noninteractive"
RUN echo "Acquire::http::Proxy \"http://webproxy:8080\";" >> /etc/apt/apt.conf.d/99blubber-proxies && apt-get update && apt-get install -y "ca-certificates" && echo "deb http://apt.wikimedia.org/wikimedia bookworm-wikimedia thirdparty/node20" >> /etc/apt/sources.list.d/99blubber.list && apt-get update && apt-get install -y -t "bookworm-backports" "git" && apt-get install -y "make" && rm -rf /var/lib/apt/lists/* && rm -f "/etc/apt/apt.conf.d/99blubber-proxies"
ARG LIVES_AS="somebody"
ARG LIVES_UID=65533
ARG LIVES_GID=65533
RUN (getent group "$LIVES_GID" || groupadd -o -g "$LIVES_GID" -r "$LIVES_AS") && (getent passwd "$LIVES_UID" || useradd -l -o -m -d "/home/$LIVES_AS" -r -g "$LIVES_GID" -u "$LIVES_UID" "$LIVES_AS") && mkdir -p "/srv/service" && chown "$LIVES_UID":"$LIVES_GID" "/srv/service" && mkdir -p "/opt/lib" && chown "$LIVES_UID":"$LIVES_GID" "/opt/lib"
ARG RUNS_AS="service"
ARG RUNS_UID=1000
ARG RUNS_GID=1000
RUN (getent group "$RUNS_GID" || groupadd -o -g "$RUNS_GID" -r "$RUNS_AS") && (getent passwd "$RUNS_UID" || useradd -l -o -m -d "/home/$RUNS_AS" -r -g "$RUNS_GID" -u "$RUNS_UID" "$RUNS_AS")
USER $LIVES_UID
ENV HOME="/home/somebody"
WORKDIR "/srv/service"
COPY --chown=$LIVES_UID:$LIVES_GID ["package.json", "package-lock.json", "./"]
RUN npm ci "--omit=dev"
RUN npm dedupe "--omit=dev" || echo "WARNING: npm dedupe failed, continuing anyways"
COPY --chown=$LIVES_UID:$LIVES_GID ["src/", "src/"]
RUN cd "src/" && find . \( -path "./*.test.js" -o -path "./*/*.test.js" \) -prune -exec rm -rf {} +
RUN echo "IyEvYmluL2Jhc2gKbnBtIHJ1biBidWlsZAo=" | base64 -d > "/tmp/blubber-script-6a715d0e79b6" && chmod +x "/tmp/blubber-script-6a715d0e79b6" && "/tmp/blubber-script-6a715d0e79b6" && rm -f "/tmp/blubber-script-6a715d0e79b6"
RUN npm run lint
COPY --chown=$LIVES_UID:$LIVES_GID [".", "."]
USER $RUNS_UID
ENV HOME="/home/$RUNS_AS"
ENV NODE_ENV="production"
WORKDIR "/srv/service/run"
ENTRYPOINT ["node", "dist/server.js"]
LABEL blubber.variant="build" blubber.version="test"
