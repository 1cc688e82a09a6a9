FROM docker-registry.wikimedia.org/amd-pytorch25:2.5.1rocm6.2-1-20250202 AS production
USER root
ENV HOME="/root"
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
ENV HF_HOME="/srv/app/.cache" PATH="/srv/app/.local/bin:$PATH" PYTHONPATH="$PYTHONPATH:/srv/app/server" http_proxy="" https_proxy="" no_proxy=""
COPY --chown=$LIVES_UID:$LIVES_GID ["models/summarizer/server", "server"]
USER $RUNS_UID
ENV HOME="/home/$RUNS_AS"
ENTRYPOINT ["python3", "server/main.py"]
LABEL blubber.variant="production" blubber.version="test"
