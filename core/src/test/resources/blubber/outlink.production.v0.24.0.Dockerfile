FROM docker-registry.wikimedia.org/buster:20221211 AS build
USER root
ENV HOME="/root"
ENV DEBIAN_FRONTEND="noninteractive"
RUN apt-get update && apt-get install -y "build-essential" "python3-pip" "python3-dev" "python3-setuptools" "git" "g++" && rm -rf /var/lib/apt/lists/*
ARG LIVES_AS="somebody"
ARG LIVES_UID=65533
ARG LIVES_GID=65533
RUN (getent group "$LIVES_GID" || groupadd -o -g "$LIVES_GID" -r "$LIVES_AS") && (getent passwd "$LIVES_UID" || useradd -l -o -m -d "/home/$LIVES_AS" -r -g "$LIVES_GID" -u "$LIVES_UID" "$LIVES_AS") && mkdir -p "/srv/outlink-topic-model" && chown "$LIVES_UID":"$LIVES_GID" "/srv/outlink-topic-model" && mkdir -p "/opt/lib" && chown "$LIVES_UID":"$LIVES_GID" "/opt/lib"
ARG RUNS_AS="runuser"
ARG RUNS_UID=900
ARG RUNS_GID=900
RUN (getent group "$RUNS_GID" || groupadd -o -g "$RUNS_GID" -r "$RUNS_AS") && (getent passwd "$RUNS_UID" || useradd -l -o -m -d "/home/$RUNS_AS" -r -g "$RUNS_GID" -u "$RUNS_UID" "$RUNS_AS")
USER $LIVES_UID
ENV HOME="/home/somebody"
WORKDIR "/srv/outlink-topic-model"
COPY --chown=$LIVES_UID:$LIVES_GID ["outlink-topic-model/model-server/requirements.txt", "outlink-topic-model/model-server/"]
RUN python3 "-m" "venv" "/opt/lib/venv"
ENV PATH="/opt/lib/venv/bin:$PATH" VIRTUAL_ENV="/opt/lib/venv"
RUN python3 "-m" "pip" "install" "-U" "setuptools!=60.9.0" && python3 "-m" "pip" "install" "-U" "wheel" "tox" "pip"
RUN python3 "-m" "pip" "install" "-r" "outlink-topic-model/model-server/requirements.txt"
RUN rm -rf /var/cache/apk/*

FROM docker-registry.wikimedia.org/buster:20221211 AS production
USER root
ENV HOME="/root"
ENV DEBIAN_FRONTEND="noninteractive"
RUN apt-get update && apt-get install -y "python3" && rm -rf /var/lib/apt/lists/*
ARG LIVES_AS="somebody"
ARG LIVES_UID=65533
ARG LIVES_GID=65533
RUN (getent group "$LIVES_GID" || groupadd -o -g "$LIVES_GID" -r "$LIVES_AS") && (getent passwd "$LIVES_UID" || useradd -l -o -m -d "/home/$LIVES_AS" -r -g "$LIVES_GID" -u "$LIVES_UID" "$LIVES_AS") && mkdir -p "/srv/outlink-topic-model" && chown "$LIVES_UID":"$LIVES_GID" "/srv/outlink-topic-model" && mkdir -p "/opt/lib" && chown "$LIVES_UID":"$LIVES_GID" "/opt/lib"
ARG RUNS_AS="runuser"
ARG RUNS_UID=900
ARG RUNS_GID=900
RUN (getent group "$RUNS_GID" || groupadd -o -g "$RUNS_GID" -r "$RUNS_AS") && (getent passwd "$RUNS_UID" || useradd -l -o -m -d "/home/$RUNS_AS" -r -g "$RUNS_GID" -u "$RUNS_UID" "$RUNS_AS")
USER $LIVES_UID
ENV HOME="/home/somebody"
WORKDIR "/srv/outlink-topic-model"
COPY --chown=$LIVES_UID:$LIVES_GID ["outlink-topic-model/model-server", "model-server"]
COPY --chown=$LIVES_UID:$LIVES_GID ["python/*.py", "model-server/"]
COPY --chown=$LIVES_UID:$LIVES_GID --from=build ["/opt/lib/python/site-packages", "/opt/lib/python/site-packages"]
ENTRYPOINT ["python3", "model-server/model.py"]
LABEL blubber.variant="production" blubber.version="test"
