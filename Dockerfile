FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml requirements.lock README.md ./
RUN pip install -c requirements.lock .

COPY . .
RUN useradd --create-home --uid 1000 mandates \
    && mkdir -p /app/media /app/staticfiles \
    && chown -R mandates:mandates /app/media /app/staticfiles
USER mandates

EXPOSE 8000
CMD ["/app/docker/start-web"]
