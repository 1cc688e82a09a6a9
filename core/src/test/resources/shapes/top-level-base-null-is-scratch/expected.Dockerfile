FROM scratch AS assets
COPY ["static", "/static"]
LABEL blubber.variant="assets" blubber.version="test"
