FROM docker-registry.wikimedia.org/bookworm:20250105 AS build
USER root
ENV HOME="/root"
ENV DEBIAN_FRONTEND="noninteractive"
RUN echo "Acquire::https::Proxy::apt.wikimedia.org \"http://webproxy.example:8080\";" >> /etc/apt/apt.conf.d/99blubber-proxies && apt-get update && apt-get install -y "ca-certificates" && echo "deb http://apt.wikimedia.org/wikimedia bookworm-wikimedia thirdparty/amd-rocm61 Main" >> /etc/apt/sources.list.d/99blubber.list && apt-get update && apt-get install -y -t "bookworm-wikimedia" "rocm-smi-lib" && apt-get install -y "python3" && rm -rf /var/lib/apt/lists/* && rm -f "/etc/apt/apt.conf.d/99blubber-proxies"
ARG LIVES_AS="somebody"
ARG LIVES_UID=65533
ARG LIVES_GID=65533
RUN (getent group "$LIVES_GID" || groupadd -o -g "$LIVES_GID" -r "$LIVES_AS") && (getent passwd "$LIVES_UID" || useradd -l -o -m -d "/home/$LIVES_AS" -r -g "$LIVES_GID" -u "$LIVES_UID" "$LIVES_AS") && mkdir -p "/srv/app" && chown "$LIVES_UID":"$LIVES_GID" "/srv/app" && mkdir -p "/opt/lib" && chown "$LIVES_UID":"$LIVES_GID" "/opt/lib"
ARG RUNS_AS="runuser"
ARG RUNS_UID=900
ARG RUNS_GID=900
RUN (getent group "$RUNS_GID" || groupadd -o -g "$RUNS_GID" -r "$RUNS_AS") && (getent passwd "$RUNS_UID" || useradd -l -o -m -d "/home/$RUNS_AS" -r -g "$RUNS_GID" -u "$RUNS_UID" "$RUNS_AS")
USER $LIVES_UID
ENV HOME="/home/somebody"
WORKDIR "/srv/app"
USER $RUNS_UID
ENV HOME="/home/$RUNS_AS"
LABEL blubber.variant="build" blubber.version="test"
